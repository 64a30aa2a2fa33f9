import * as fs from "node:fs";
import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorProject, modelsProgram, UserProject } from "./harness";
import { startTestEmulator, fastProviderEnv, testApiKey } from "../support/emulator";
import { descendantsOf } from "../support/processes";

const step = 240_000;

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Kills a Pulumi process right after Cohere accepted a create, while the provider waits for READY: the engine
 * never learns the model's id. The next `up` must end with exactly one model for the resource, taken over rather
 * than trained again.
 */
describe.each([
  ["the provider plugin process", /cmd\/dynamic-provider/, false],
  // A killed CLI leaves its lock in the backend; `pulumi cancel` is what its own message tells the user to run.
  ["the whole pulumi CLI", /^pulumi up /, true],
])("crash safety: killing %s after a create reached Cohere", (_what, processPattern, needsCancel) => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 4000 });
    admin = emulator.admin;
    const datasetId = await admin.createChatDataset();
    const settings = {
      baseModel: { baseType: "BASE_TYPE_CHAT" },
      datasetId,
      hyperparameters: { trainEpochs: 2 },
    };
    project = await emulatorProject({
      emulatorUrl: emulator.url,
      apiKey: testApiKey,
      program: modelsProgram({ survivor: { args: { settings } } }),
      env: fastProviderEnv,
    });
  }, step);

  afterAll(async () => {
    await project?.destroy().catch(() => undefined);
    await project?.cleanup();
    await emulator?.close();
  }, 300_000);

  it(
    "ends the next up with exactly one READY model, adopted and not retrained",
    async () => {
      const interrupted = project.up().catch((error: Error) => error);
      await waitFor(
        async () =>
          (await admin.requests()).some(
            (r) => r.method === "POST" && r.path.endsWith("finetuned-models") && r.status === 200,
          ),
        "the create to reach the emulator",
      );
      const victims = descendantsOf(process.pid).filter((info) => processPattern.test(info.commandLine));
      expect(victims.length).toBeGreaterThan(0);
      const descendants = victims.flatMap((victim) => descendantsOf(victim.pid));
      // The provider plugin is this package's concern: it must not outlive the engine that started it.
      const orphans = descendants.filter((info) => /cmd\/dynamic-provider/.test(info.commandLine));
      victims.forEach((victim) => process.kill(victim.pid, "SIGKILL"));
      expect(await interrupted).toBeInstanceOf(Error);
      expect(await admin.models()).toHaveLength(1);
      // A plugin whose engine was killed exits at its next progress line instead of spinning on a broken pipe.
      await waitFor(
        async () => orphans.every((orphan) => !fs.existsSync(`/proc/${orphan.pid}`)),
        "orphaned plugins to exit",
      );
      // Pulumi's own language host outlives a killed CLI; do not leave it behind.
      for (const { pid } of descendants) if (fs.existsSync(`/proc/${pid}`)) process.kill(pid, "SIGKILL");

      if (needsCancel) await project.cancel();
      await admin.clearRequests();
      await project.up();
      const models = await admin.models();
      expect(models).toHaveLength(1);
      const { survivor } = (await project.outputs()).models as Record<string, { id: string; status: string }>;
      expect(survivor.id).toBe(models[0].id);
      expect(survivor.status).toBe("STATUS_READY");
      const creates = (await admin.requests()).filter(
        (r) => r.method === "POST" && r.path.endsWith("finetuned-models"),
      );
      expect(creates).toHaveLength(0);
    },
    step,
  );
});
