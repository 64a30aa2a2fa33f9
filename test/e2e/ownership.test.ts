/**
 * Ownership on the real engine: a stack only ever takes over a model it provably started itself, so another
 * stack's model, another resource's or a person's is never taken over and never deleted; `--replace` and
 * adoption behave as Pulumi users expect.
 */
import { modelsProgram, UserProject } from "./harness";
import { useEmulatorProjects } from "./harness/emulatorProjects";
import { chatJsonl, countRequests } from "../support/emulator";
import { pendingName } from "../../provider/finetunedModel/pendingName";
import { stackKey } from "../../provider/lifecycle/stackKey";

const step = 300_000;
const modelsPath = /^\/v1\/finetuning\/finetuned-models$/;

describe("ownership of models and datasets", () => {
  const emulator = useEmulatorProjects({ trainingMs: 500 });
  const settings = () => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: emulator.datasetId,
    hyperparameters: { trainEpochs: 1 },
  });
  const project = (program: string, stack = "dev") => emulator.project(program, { stack });
  const modelsOf = async (project: UserProject) =>
    (await project.outputs()).models as Record<string, { id: string; name: string; status: string }>;

  it(
    "two stacks declaring the same explicit name train two models; destroying one leaves the other READY",
    async () => {
      const program = modelsProgram({ bot: { args: { name: "shared-name", settings: settings() } } });
      const dev = await project(program, "dev");
      const prod = await project(program, "prod");
      await dev.up();
      await emulator.admin.clearRequests();
      await prod.up();
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(1);
      const [devModel, prodModel] = [(await modelsOf(dev)).bot, (await modelsOf(prod)).bot];
      expect(prodModel.id).not.toBe(devModel.id);

      await dev.destroy();
      const left = await emulator.admin.models();
      expect(left.map((model) => model.id)).toEqual([prodModel.id]);
      expect(left[0]).toMatchObject({ name: "shared-name", status: "STATUS_READY" });
    },
    step,
  );

  it(
    "two stacks of the same project and stack names in different backends never take each other's interrupted create",
    async () => {
      const program = modelsProgram({ bot: { args: { settings: settings() } } });
      // Same project, same stack name, each in its own file backend, one Cohere account.
      const [first, second] = [await project(program, "prod"), await project(program, "prod")];
      const scope = "cohere-user-ts/prod";
      const keys = [stackKey("prod", first.dir), stackKey("prod", second.dir)];
      expect(keys[0]).toMatch(/^encryptionsalt:v1:/);
      expect(keys[1]).not.toBe(keys[0]);
      // What a killed `pulumi up` of the first stack leaves behind: its training, under its pending name.
      const interrupted = await emulator.admin.api("POST", "/v1/finetuning/finetuned-models", {
        name: pendingName(scope, "bot", keys[0]),
        settings: {
          base_model: { base_type: "BASE_TYPE_CHAT" },
          dataset_id: emulator.datasetId,
          hyperparameters: { train_epochs: 1 },
        },
      });
      const interruptedId = (interrupted.body as { finetuned_model: { id: string } }).finetuned_model.id;

      await emulator.admin.clearRequests();
      await second.up();
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(1);
      expect((await modelsOf(second)).bot.id).not.toBe(interruptedId);

      await emulator.admin.clearRequests();
      await first.up();
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(0);
      expect((await modelsOf(first)).bot.id).toBe(interruptedId);
    },
    step,
  );

  it(
    "two resources of one stack declaring the same explicit name get two models, never one shared",
    async () => {
      const twins = await project(
        modelsProgram({
          left: { args: { name: "twin", settings: settings() } },
          right: { args: { name: "twin", settings: settings() } },
        }),
      );
      await twins.up();
      const { left, right } = await modelsOf(twins);
      expect(left.id).not.toBe(right.id);
      expect((await emulator.admin.models()).filter((model) => model.name === "twin")).toHaveLength(2);
    },
    step,
  );

  it(
    "`up --replace` of a model trains a new one under a fresh name, then deletes the old one",
    async () => {
      const replaced = await project(modelsProgram({ bot: { args: { settings: settings() } } }));
      await replaced.up();
      const before = (await modelsOf(replaced)).bot;
      await emulator.admin.clearRequests();
      expect((await replaced.up({ replace: ["bot"] })).changes).toMatchObject({ replace: 1 });
      const after = (await modelsOf(replaced)).bot;
      expect(after.id).not.toBe(before.id);
      expect(after.name).not.toBe(before.name);
      expect(after.name).toMatch(/^bot-[0-9a-f]{8}$/);

      const requests = await emulator.admin.requests();
      expect(countRequests(requests, "POST", modelsPath)).toBe(1);
      const deletes = requests.filter((r) => r.method === "DELETE");
      expect(deletes.map((r) => r.path)).toEqual([`/v1/finetuning/finetuned-models/${before.id}`]);
      const created = requests.findIndex((r) => r.method === "POST" && modelsPath.test(r.path));
      expect(requests.indexOf(deletes[0])).toBeGreaterThan(created);
      expect((await emulator.admin.models()).map((model) => model.id)).toEqual([after.id]);
    },
    step,
  );

  it(
    "`up --replace` of a dataset uploads it again and retrains the model trained on it",
    async () => {
      const program = `import * as path from "path";
import { Dataset, DatasetType, FinetunedModel } from "pulumi-cohere-finetuning";

const dataset = new Dataset("faq", { type: DatasetType.ChatFinetuneInput, dataFile: path.join(__dirname, "faq.jsonl") });
const model = new FinetunedModel("bot", { settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: dataset.id } });
export const datasetId = dataset.id;
export const modelId = model.id;
`;
      const withDataset = await project(program);
      withDataset.writeFile("faq.jsonl", chatJsonl(6));
      await withDataset.up();
      const before = await withDataset.outputs();
      await emulator.admin.clearRequests();
      expect((await withDataset.up({ replace: ["faq"] })).changes).toMatchObject({ replace: 2 });
      const after = await withDataset.outputs();
      expect(after.datasetId).not.toBe(before.datasetId);
      expect(after.modelId).not.toBe(before.modelId);
      expect(countRequests(await emulator.admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(1);
    },
    step,
  );

  it(
    "adopting a model without declaring a name keeps its name at Cohere, the next up makes no API call, and `up --replace` never deletes it",
    async () => {
      const made = await emulator.admin.api("POST", "/v1/finetuning/finetuned-models", {
        name: "a-person's-model",
        settings: {
          base_model: { base_type: "BASE_TYPE_CHAT" },
          dataset_id: emulator.datasetId,
          hyperparameters: { train_epochs: 1 },
        },
      });
      const id = (made.body.finetuned_model as { id: string }).id;
      const adopter = await project(
        modelsProgram({ adopted: { args: { adoptModelId: id, settings: settings() } } }),
      );
      await emulator.admin.clearRequests();
      await adopter.up();
      const requests = await emulator.admin.requests();
      expect(countRequests(requests, "POST", modelsPath)).toBe(0);
      expect(countRequests(requests, "PATCH", /finetuned-models\//)).toBe(0);
      expect((await modelsOf(adopter)).adopted).toMatchObject({
        id,
        name: "a-person's-model",
        status: "STATUS_READY",
      });

      await emulator.admin.clearRequests();
      expect((await adopter.up()).changes).toEqual({ same: 2 });
      expect(await emulator.admin.requests()).toEqual([]);
      expect((await emulator.admin.models()).find((model) => model.id === id)).toMatchObject({
        name: "a-person's-model",
      });

      // The replacement adopts the same model again; the engine's delete of the replaced id must not remove it.
      await emulator.admin.clearRequests();
      expect((await adopter.up({ replace: ["adopted"] })).changes).toMatchObject({ replace: 1 });
      expect(countRequests(await emulator.admin.requests(), "DELETE", /finetuned-models\//)).toBe(0);
      expect((await emulator.admin.models()).find((model) => model.id === id)).toMatchObject({
        status: "STATUS_READY",
      });
      expect((await modelsOf(adopter)).adopted.id).toBe(id);
    },
    step,
  );

  it(
    "adopting a model whose training differs from the spec fails at preview, naming the field, and changes nothing",
    async () => {
      const made = await emulator.admin.api("POST", "/v1/finetuning/finetuned-models", {
        name: "trained-twice",
        settings: {
          base_model: { base_type: "BASE_TYPE_CHAT" },
          dataset_id: emulator.datasetId,
          hyperparameters: { train_epochs: 2 },
        },
      });
      const id = (made.body.finetuned_model as { id: string }).id;
      const adopter = await project(
        modelsProgram({ adopted: { args: { adoptModelId: id, settings: settings() } } }),
      );
      const failure = await adopter.preview().catch((error: Error) => error);
      expect(String(failure)).toMatch(
        /adoptModelId .*: model trained-twice was trained otherwise than the spec declares \(settings\.hyperparameters\.trainEpochs is 2 at Cohere, 1 in the spec\)/,
      );
    },
    step,
  );
});
