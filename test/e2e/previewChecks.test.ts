/**
 * What a preview checks with Cohere before it promises a training, through the `pulumi` binary, for the dynamic
 * resources (TypeScript) and the plugin (Pulumi YAML and Python): a dataset id that does not exist fails it naming
 * `settings.datasetId` with nothing sent, an existing one prices the training exactly, a wrong API key fails it
 * naming the setting and never printing the key, a preview of one new model makes 2 calls (the key, the dataset)
 * and a preview with no change none.
 */
import { countRequests, testApiKey } from "../support/emulator";
import { modelsProgram, templates, type UserProject } from "./harness";
import { commandFailure, useEmulatorProjects, usePluginProjects } from "./harness/emulatorProjects";

const step = 600_000;
const missingDatasetId = "3b2f0c1e-0000-4000-8000-00000000dead";
const wrongKey = "wrong-key-preview-checks-51f0";

interface Language {
  /** A project declaring one model named `bot` trained for 2 epochs on the stack's config `datasetId`. */
  project(): Promise<UserProject>;
  /** Sets the stack's API key (stack config `cohere:apiKey`, a secret). */
  setKey(project: UserProject, key: string): Promise<void>;
}

const yamlProgram = `name: preview-checks
runtime: yaml
plugins:
  providers:
    - name: cohere
      path: ../../.cohere-plugin
config:
  datasetId:
    type: string
resources:
  bot:
    type: cohere:index:FinetunedModel
    properties:
      settings:
        baseModel:
          baseType: BASE_TYPE_CHAT
        datasetId: \${datasetId}
        hyperparameters:
          trainEpochs: 2
`;

const pythonProgram = `import pulumi
import pulumi_cohere as cohere

cohere.FinetunedModel(
    "bot",
    settings={
        "base_model": {"base_type": "BASE_TYPE_CHAT"},
        "dataset_id": pulumi.Config().require("datasetId"),
        "hyperparameters": {"train_epochs": 2},
    },
)
`;

const typescriptProgram = modelsProgram({}).replace(
  "const declared: Record<string, { args: any; opts?: pulumi.CustomResourceOptions }> = {};",
  `const declared: Record<string, { args: any; opts?: pulumi.CustomResourceOptions }> = {
  bot: {
    args: {
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId: config.require("datasetId"),
        hyperparameters: { trainEpochs: 2 },
      },
    },
  },
};`,
);

const dynamic = useEmulatorProjects({ trainingMs: 300 }, step);
const plugin = usePluginProjects({ trainingMs: 300 }, step);

/** Each describe's emulator: the dynamic resources' projects and the plugin's have one each. */
const languages: [string, Language, typeof dynamic | typeof plugin][] = [
  [
    "TypeScript, dynamic resources",
    {
      project: () => dynamic.project(typescriptProgram),
      setKey: (project, key) => project.setConfig("cohere:apiKey", key, { secret: true }),
    },
    dynamic,
  ],
  [
    "Pulumi YAML, plugin",
    {
      project: async () => {
        const project = await plugin.project(templates.example("yaml"), {
          only: [],
          files: { "Pulumi.yaml": yamlProgram },
        });
        await pointAtEmulator(project, plugin.url);
        return project;
      },
      setKey: (project, key) => project.setConfig("cohere:apiKey", key, { secret: true }),
    },
    plugin,
  ],
  [
    "Python, plugin",
    {
      project: async () => {
        const project = await plugin.project(templates.example("python"), {
          only: ["Pulumi.yaml", "requirements.txt", ".gitignore"],
          files: { "__main__.py": pythonProgram },
        });
        await pointAtEmulator(project, plugin.url);
        return project;
      },
      setKey: (project, key) => project.setConfig("cohere:apiKey", key, { secret: true }),
    },
    plugin,
  ],
];

async function pointAtEmulator(project: UserProject, url: string): Promise<void> {
  await project.selectStack("test");
  await project.setConfig("cohere:baseUrl", url);
  await project.setConfig("cohere:apiKey", testApiKey, { secret: true });
}

describe.each(languages)("a preview's checks with Cohere: %s", (_name, language, emulator) => {
  it(
    "fails on a missing dataset id or a wrong key, prices a known dataset exactly, and a no-op calls nothing",
    async () => {
      const datasetId = await emulator.admin.createChatDataset("preview-checks", 6);
      const { body } = await emulator.admin.api("GET", `/v1/datasets/${datasetId}`);
      const trainable = (
        body as { dataset: { metrics: { finetune_dataset_metrics: { trainable_token_count: number } } } }
      ).dataset.metrics.finetune_dataset_metrics.trainable_token_count;
      const project = await language.project();

      await project.setConfig("datasetId", missingDatasetId);
      await emulator.admin.clearRequests();
      const missing = await commandFailure(project.preview());
      expect(missing).toContain("settings.datasetId");
      expect(missing).toContain(
        `dataset ${missingDatasetId} does not exist in the Cohere account of this API key`,
      );
      expect(countRequests(await emulator.admin.requests(), "POST", /./)).toBe(0);

      await project.setConfig("datasetId", datasetId);
      await language.setKey(project, wrongKey);
      await emulator.admin.clearRequests();
      const refused = await commandFailure(project.preview());
      expect(refused).toContain("Cohere refuses the API key from the stack config cohere:apiKey");
      expect(await emulator.admin.requests()).toHaveLength(1);

      await language.setKey(project, testApiKey);
      await emulator.admin.clearRequests();
      const preview = await project.preview();
      expect(preview.changes).toEqual(expect.objectContaining({ create: expect.any(Number) }));
      const grouped = (count: number) => count.toLocaleString("en-US");
      expect(preview.messages.join("\n")).toContain(
        `bot: starts a training of ${grouped(trainable)} trainable tokens × 2 epochs = ${grouped(2 * trainable)} tokens`,
      );
      const calls = (await emulator.admin.requests()).map((request) => `${request.method} ${request.path}`);
      expect(calls).toEqual(["GET /v1/finetuning/finetuned-models", `GET /v1/datasets/${datasetId}`]);

      await project.up();
      await emulator.admin.clearRequests();
      await project.preview({ expectNoChanges: true });
      expect(await emulator.admin.requests()).toHaveLength(0);
      expect(project.output()).not.toContain(wrongKey);
      expect(project.output()).not.toContain(testApiKey);
    },
    step,
  );
});
