/**
 * The preview of a fleet, as a reviewer reads it on a pull request: one line sums what the update will train (how
 * many trainings, on how many datasets, the tokens in all, the largest), and each model has no more than its own
 * one line. Both hosts: the package in a TypeScript project, the plugin in a Pulumi YAML one.
 */
import { modelsProgram, templates, yamlModelsProgram } from "./harness";
import { useEmulatorProjects, usePluginProjects } from "./harness/emulatorProjects";
import { testApiKey } from "../support/emulator";
import type { EmulatorAdmin } from "../../emulator/index";

const step = 600_000;
const fleetSize = 50;
const names = Array.from({ length: fleetSize }, (_, i) => `bot-${i}`);

async function trainableTokens(admin: EmulatorAdmin, datasetId: string): Promise<number> {
  const { body } = await admin.api("GET", `/v1/datasets/${datasetId}`);
  return (body as { dataset: { metrics: { finetune_dataset_metrics: { trainable_token_count: number } } } })
    .dataset.metrics.finetune_dataset_metrics.trainable_token_count;
}

/** The preview's diagnostics: one summary with the totals, and at most one line per model. */
function expectReadable(messages: string[], trainable: number): void {
  const grouped = (count: number) => count.toLocaleString("en-US");
  const summaries = messages.filter((message) =>
    message.includes(`this update starts ${fleetSize} trainings:`),
  );
  expect(summaries).toHaveLength(1);
  expect(summaries[0]).toMatch(
    new RegExp(
      `this update starts ${fleetSize} trainings: on 1 uploaded dataset process ` +
        `${grouped(fleetSize * trainable)} tokens in all \\(trainable tokens × epochs; the largest, bot-\\d+, ` +
        `${grouped(trainable)} tokens\\)`,
    ),
  );
  for (const name of names) {
    expect(messages.filter((message) => message.includes(`${name}:`)).length).toBeLessThanOrEqual(1);
  }
}

describe("the preview of a fleet of 50 new models", () => {
  const dynamic = useEmulatorProjects({});
  const plugin = usePluginProjects({});

  it(
    "in a TypeScript project: one summary line, no more than one line per model",
    async () => {
      const models = Object.fromEntries(
        names.map((name) => [
          name,
          { args: { settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: dynamic.datasetId } } },
        ]),
      );
      const project = await dynamic.project(modelsProgram(models));
      const { changes, messages } = await project.preview();
      expect(changes.create).toBe(fleetSize + 1);
      expectReadable(messages, await trainableTokens(dynamic.admin, dynamic.datasetId));
    },
    step,
  );

  it(
    "in Pulumi YAML through the plugin: one summary line, no more than one line per model",
    async () => {
      const datasetId = await plugin.admin.createChatDataset();
      const project = await plugin.project(templates.example("yaml"), {
        only: [],
        files: { "Pulumi.yaml": yamlModelsProgram(datasetId, names) },
      });
      await project.selectStack("dev");
      await project.setConfig("cohere:baseUrl", plugin.url);
      await project.setConfig("cohere:apiKey", testApiKey, { secret: true });
      const { changes, messages } = await project.preview();
      expect(changes.create).toBe(fleetSize + 1);
      expectReadable(messages, await trainableTokens(plugin.admin, datasetId));
    },
    step,
  );
});
