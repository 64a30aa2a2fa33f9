/**
 * What a change to a Pulumi YAML spec does through the provider plugin, run as a user runs it: examples/yaml
 * copied to a temp directory, its `plugins:` entry pointed at the plugin built from this checkout, and the `pulumi`
 * binary with Pulumi's YAML language host against the emulator. Its whole lifecycle is in pluginLanguages.test.ts.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { countRequests, testApiKey } from "../support/emulator";
import { templates, UserProject } from "./harness";
import { commandFailure, usePluginProjects } from "./harness/emulatorProjects";

const step = 600_000;
const wandbKey = "wandb-key-yaml-never-in-state-1";
const emulator = usePluginProjects({ trainingMs: 600 });

async function exampleProject(): Promise<UserProject> {
  const project = await emulator.project(templates.example("yaml"));
  await project.selectStack("dev");
  await project.setConfig("cohereBaseUrl", emulator.url);
  await project.setConfig("cohereApiKey", testApiKey, { secret: true });
  await project.setConfig("wandbApiKey", wandbKey, { secret: true });
  return project;
}

function edit(project: UserProject, from: string, to: string): void {
  const file = path.join(project.dir, "Pulumi.yaml");
  const text = fs.readFileSync(file, "utf8");
  expect(text).toContain(from);
  fs.writeFileSync(file, text.replace(from, to));
}

describe("changes to examples/yaml through the cohere provider plugin", () => {
  it(
    "retrains a model whose hyperparameters change, creating the new one before deleting the old",
    async () => {
      const project = await exampleProject();
      await project.up();
      const old = (await emulator.admin.models()).find((model) => model.name === "triage-bot")!;
      edit(
        project,
        "trainEpochs: 2\n          trainBatchSize: 8",
        "trainEpochs: 3\n          trainBatchSize: 8",
      );
      await emulator.admin.clearRequests();
      expect((await project.up()).changes).toEqual({ replace: 1, same: 4 });
      const requests = await emulator.admin.requests();
      const created = requests.findIndex((request) => request.method === "POST");
      const deleted = requests.findIndex((request) => request.method === "DELETE");
      expect(countRequests(requests, "POST", /finetuned-models$/)).toBe(1);
      expect(requests[deleted].path).toContain(old.id);
      expect(created).toBeLessThan(deleted);
    },
    step,
  );

  it(
    "fails the preview of a retraining the provider's allowRetrain: false forbids, naming the field",
    async () => {
      const project = await exampleProject();
      await project.up();
      edit(project, "learningRate: 0.01", "learningRate: 0.02");
      await emulator.admin.clearRequests();
      const message = await commandFailure(project.preview());
      expect(message).toMatch(/retraining is not allowed: settings\.hyperparameters\.learningRate changed/);
      expect(countRequests(await emulator.admin.requests(), "POST", /./)).toBe(0);
    },
    step,
  );

  it(
    "fails the preview of an out-of-range input with its property path, before any API call",
    async () => {
      const project = await exampleProject();
      edit(project, "trainEpochs: 1", "trainEpochs: 99");
      await emulator.admin.clearRequests();
      const message = await commandFailure(project.preview());
      expect(message).toMatch(/settings\.hyperparameters\.trainEpochs must be between 1 and 10, got 99/);
      // Nothing for the invalid model; the example's new dataset, which is valid, has its key read at preview.
      const requests = (await emulator.admin.requests()).map(
        (request) => `${request.method} ${request.path}`,
      );
      expect(requests).toEqual(["GET /v1/finetuning/finetuned-models"]);
    },
    step,
  );
});
