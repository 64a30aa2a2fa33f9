/**
 * The GitOps example's workflow run locally (ci/run-locally.sh: the pull request's preview saving a plan, then the
 * merge's `up --plan`) against the emulator: a change that would retrain fails the preview until the change itself
 * allows the retraining.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorAdmin } from "../../emulator/index";
import { templates, UserProject, userProject } from "./harness";
import { fastProviderEnv, startTestEmulator, testApiKey } from "../support/emulator";

const step = 600_000;

describe("examples/gitops: the workflow's steps, locally", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;
  const stackFile = () => path.join(project.dir, "Pulumi.prod.yaml");
  const runWorkflow = () =>
    project.run("bash", ["ci/run-locally.sh", "prod"], {
      env: { CO_API_URL: emulator.url, CO_API_KEY: testApiKey },
    });

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 600 });
    admin = emulator.admin;
    project = await userProject({ template: templates.example("gitops"), env: fastProviderEnv });
  }, step);

  afterAll(async () => {
    await project?.cleanup();
    await emulator?.close();
  });

  it(
    "creates the models from the reviewed plan",
    async () => {
      const run = await runWorkflow();
      expect(run.stdout + run.stderr).toContain("Update plan written to");
      expect((await admin.models()).map((model) => model.status)).toEqual(["STATUS_READY"]);
    },
    step,
  );

  it(
    "fails the preview of a change that would retrain, and applies it once the change allows it",
    async () => {
      const [original] = await admin.models();
      fs.writeFileSync(
        stackFile(),
        fs.readFileSync(stackFile(), "utf8").replace("trainEpochs: 2", "trainEpochs: 3"),
      );
      const refused = await runWorkflow().catch((error: Error) => error);
      expect(String(refused)).toMatch(
        /retraining is not allowed: settings\.hyperparameters\.trainEpochs changed/,
      );
      expect((await admin.models()).map((model) => model.id)).toEqual([original.id]);

      fs.writeFileSync(
        stackFile(),
        fs
          .readFileSync(stackFile(), "utf8")
          .replace("      dataset: faq\n", "      dataset: faq\n      allowRetrain: true\n"),
      );
      await runWorkflow();
      const [retrained] = await admin.models();
      expect(retrained.id).not.toBe(original.id);
      expect(retrained.settings).toMatchObject({ hyperparameters: { train_epochs: 3 } });
    },
    step,
  );
});
