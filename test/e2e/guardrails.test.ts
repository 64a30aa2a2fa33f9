/**
 * Guardrails a platform team sets, on the real engine: training budgets that fail a preview before anything is
 * sent, the estimate a preview gives for a dataset not uploaded yet, and the warning that a replacement takes
 * an inference name away from the clients still calling it.
 */
import type { EmulatorAdmin } from "../../emulator/index";
import { DeclaredModel, emulatorProject, modelsProgram, UserProject } from "./harness";
import { commandFailure } from "./harness/emulatorProjects";
import { countRequests, fastProviderEnv, startTestEmulator, testApiKey } from "../support/emulator";

const step = 300_000;

describe("training budgets, dataset estimates and replacement warnings", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let datasetId: string;
  let trainable: number;
  let project: UserProject;
  const settings = (trainEpochs: number) => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId,
    hyperparameters: { trainEpochs },
  });
  const declare = (models: Record<string, DeclaredModel>) =>
    project.writeFile("index.ts", modelsProgram(models));
  const grouped = (count: number) => count.toLocaleString("en-US");

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 400 });
    admin = emulator.admin;
    datasetId = await admin.createChatDataset();
    const dataset = (await admin.api("GET", `/v1/datasets/${datasetId}`)).body.dataset as {
      metrics: { finetune_dataset_metrics: { trainable_token_count: number } };
    };
    trainable = dataset.metrics.finetune_dataset_metrics.trainable_token_count;
    project = await emulatorProject({ emulatorUrl: emulator.url, apiKey: testApiKey, env: fastProviderEnv });
  }, step);

  afterAll(async () => {
    await project?.destroy().catch(() => undefined);
    await project?.cleanup();
    await emulator?.close();
  }, step);

  beforeEach(() => admin.clearRequests());

  it(
    "fails the preview of a training over maxTrainingTokens with the resource and the numbers, sending nothing",
    async () => {
      declare({ bot: { args: { settings: settings(3), maxTrainingTokens: 2 * trainable } } });
      const message = await commandFailure(project.preview());
      expect(message).toContain(
        `bot: this training would process ${grouped(3 * trainable)} tokens (${grouped(trainable)} trainable ` +
          `tokens × 3 epochs), over its budget of ${grouped(2 * trainable)} tokens (maxTrainingTokens)`,
      );
      expect(countRequests(await admin.requests(), "POST", /./)).toBe(0);
    },
    step,
  );

  it(
    "fails an up whose trainings sum past cohere:maxTrainingTokensPerUpdate before any training starts",
    async () => {
      await project.setConfig("cohere:maxTrainingTokensPerUpdate", String(3 * trainable));
      declare({ a: { args: { settings: settings(2) } }, b: { args: { settings: settings(2) } } });
      // `pulumi up` as a user runs it: its preview refuses the update before anything is created.
      const message = await commandFailure(project.pulumi(["up", "--yes"]));
      expect(message).toMatch(
        new RegExp(`would process ${grouped(4 * trainable)} tokens in all \\(. ${grouped(2 * trainable)}, `),
      );
      expect(message).toContain(`over cohere:maxTrainingTokensPerUpdate ${grouped(3 * trainable)}`);
      expect(countRequests(await admin.requests(), "POST", /finetuned-models/)).toBe(0);
      await project.removeConfig("cohere:maxTrainingTokensPerUpdate");
    },
    step,
  );

  it(
    "estimates the trainable tokens of a dataset not uploaded yet from its file, once, at preview",
    async () => {
      const conversation =
        '{"messages":[{"role":"User","content":"abcd"},{"role":"Chatbot","content":"efghijkl"}]}';
      // Cohere needs at least 2 conversations.
      project.writeFile("data/chat.jsonl", [conversation, conversation].join("\n"));
      project.writeFile(
        "index.ts",
        `import { BaseType, Dataset, DatasetType, FinetunedModel } from "pulumi-cohere-finetuning";
const dataset = new Dataset("chat", { type: DatasetType.ChatFinetuneInput, dataFile: "data/chat.jsonl" });
for (const name of ["one", "two"]) {
  new FinetunedModel(name, { settings: { baseModel: { baseType: BaseType.Chat }, datasetId: dataset.id } });
}
`,
      );
      const { messages } = await project.preview();
      const text = messages.join("\n");
      // "User" and "Chatbot" are text too: 2 × (4 + 4 + 7 + 8) characters make 12 tokens at 4 characters a token.
      expect(text.match(/chat: about 12 trainable tokens, estimated from data\/chat.jsonl/g)).toHaveLength(1);
      expect(text).toContain(
        "one: starts a training of 1 epoch on a dataset whose size Cohere reports once it is uploaded",
      );
      expect(text).not.toMatch(/unknown trainable tokens/);
    },
    step,
  );

  it(
    "warns at the preview of a replacement that the model it deletes was used 2 hours ago; a no-op preview calls nothing",
    async () => {
      const [seeded] = await admin.seedModels({
        count: 1,
        dataset_id: datasetId,
        name_prefix: "serving",
        oldest_age_ms: 86_400_000,
        newest_age_ms: 86_400_000,
      });
      await admin.markUsed(seeded, { agoMs: 2 * 3_600_000 });
      const base = { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId };
      declare({ bot: { args: { settings: base, adoptModelId: seeded } } });
      await project.up();
      await admin.clearRequests();
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 2 });
      expect(await admin.requests()).toHaveLength(0);

      declare({ bot: { args: { settings: settings(2) } } });
      const { messages } = await project.preview();
      expect(messages.join("\n")).toContain(
        `bot: replacing model serving-0 (${seeded}-ft, last used 2h0m ago): clients calling that name fail once it ` +
          "is deleted; the new model's inference name is an output",
      );
      expect(countRequests(await admin.requests(), "GET", new RegExp(`finetuned-models/${seeded}$`))).toBe(1);
    },
    step,
  );
});
