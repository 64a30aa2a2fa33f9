import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import { createLocalStack, REPO_ROOT } from "../../scripts/lib/localStack";
import { installPackageInto } from "../../scripts/lib/packagedInstall";
import { ENGINE_SETUP_TIMEOUT_MS, ensureEngine } from "./harness";
import type { EmulatorAdmin } from "../../emulator/index";
import { startTestEmulator, emulatorConfig, fastProviderEnv } from "../support/emulator";

const step = 240_000;

/**
 * A Pulumi project that uses the package as users get it: compiled, in its node_modules. The project lives under
 * the repository (in git-ignored .pulumi-local/) so the package's own dependencies resolve from the repository's
 * node_modules, as they would from the project's own after `npm install`.
 */
describe("the package installed in a project's node_modules", () => {
  const project = path.join(REPO_ROOT, ".pulumi-local", `packaged-e2e-${process.pid}`);
  let installed: string;
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let stack: Stack;
  let stateDir: string;

  beforeAll(async () => {
    const { cli } = await ensureEngine();
    installed = installPackageInto(project);
    emulator = await startTestEmulator({ trainingMs: 600 });
    admin = emulator.admin;
    const datasetId = await admin.createChatDataset();
    stateDir = path.join(project, "state");
    ({ stack } = await createLocalStack({
      cli,
      program: async () => {
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { FinetunedModel } = require(installed) as typeof import("../../provider");
        const models = [1, 2].map(
          (epochs) =>
            new FinetunedModel(`packaged-${epochs}`, {
              settings: {
                baseModel: { baseType: "BASE_TYPE_CHAT" },
                datasetId,
                hyperparameters: { trainEpochs: epochs },
              },
            }),
        );
        return { statuses: models.map((model) => model.status) };
      },
      projectName: "packaged",
      stackName: "test",
      dir: stateDir,
      mainDir: project,
      env: fastProviderEnv,
    }));
    await stack.setAllConfig(emulatorConfig(emulator.url));
  }, ENGINE_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await emulator?.close();
    await fs.promises.rm(project, { recursive: true, force: true });
  });

  it(
    "serializes a small stub that loads the installed provider, and runs the whole lifecycle",
    async () => {
      const up = await stack.up();
      expect(up.outputs.statuses.value).toEqual(["STATUS_READY", "STATUS_READY"]);
      expect((await stack.preview()).changeSummary).toEqual({ same: 3 });

      const state = (await stack.exportStack()).deployment;
      const model = state.resources.find((resource: { type: string }) =>
        resource.type.endsWith("cohere:FinetunedModel"),
      );
      const serialized: string = model.inputs.__provider;
      expect(serialized).toContain("pulumi-cohere-finetuning/providers");
      expect(serialized).not.toContain("axios");
      expect(serialized.length).toBeLessThan(4_000);
      expect(JSON.stringify(model).length).toBeLessThan(12_000);

      expect((await stack.refresh()).summary.result).toBe("succeeded");
      await stack.destroy();
      expect(await admin.models()).toEqual([]);
    },
    step,
  );
});
