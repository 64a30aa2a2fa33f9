import * as fs from "node:fs";
import { FinetunedModel } from "../../provider";
import { createTestStack, ENGINE_SETUP_TIMEOUT_MS, ensureEngine, TestStack } from "./harness";
import type { EmulatorAdmin } from "../../emulator/index";
import { startTestEmulator, emulatorConfig, fastProviderEnv } from "../support/emulator";
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
  ["the whole pulumi CLI", /pulumi up /, true],
])("crash safety: killing %s after a create reached Cohere", (_what, processPattern, needsCancel) => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let testStack: TestStack;
  let datasetId: string;

  beforeAll(async () => {
    await ensureEngine();
    emulator = await startTestEmulator({ trainingMs: 4000 });
    admin = emulator.admin;
    datasetId = await admin.createChatDataset();
    testStack = await createTestStack({
      program: async () => {
        const model = new FinetunedModel("survivor", {
          settings: {
            baseModel: { baseType: "BASE_TYPE_CHAT" },
            datasetId,
            hyperparameters: { trainEpochs: 2 },
          },
        });
        return { id: model.id, status: model.status };
      },
      config: emulatorConfig(emulator.url),
      env: fastProviderEnv,
    });
  }, ENGINE_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await testStack?.stack.destroy().catch(() => undefined);
    await testStack?.cleanup();
    await emulator?.close();
  }, 300_000);

  it(
    "ends the next up with exactly one READY model, adopted and not retrained",
    async () => {
      const interrupted = testStack.stack.up().catch((error: Error) => error);
      await waitFor(
        async () =>
          (await admin.requests()).some(
            (r) => r.method === "POST" && r.path.endsWith("finetuned-models") && r.status === 200,
          ),
        "the create to reach the emulator",
      );
      const victims = descendantsOf(process.pid).filter((info) => processPattern.test(info.commandLine));
      expect(victims.length).toBeGreaterThan(0);
      const orphans = victims.flatMap((victim) => descendantsOf(victim.pid));
      victims.forEach((victim) => process.kill(victim.pid, "SIGKILL"));
      expect(await interrupted).toBeInstanceOf(Error);
      expect(await admin.models()).toHaveLength(1);
      // A plugin whose engine was killed exits at its next progress line instead of spinning on a broken pipe.
      await waitFor(
        async () => orphans.every((orphan) => !fs.existsSync(`/proc/${orphan.pid}`)),
        "orphaned plugins to exit",
      );

      if (needsCancel) await testStack.stack.cancel();
      await admin.clearRequests();
      const result = await testStack.stack.up();
      expect(result.summary.result).toBe("succeeded");
      const models = await admin.models();
      expect(models).toHaveLength(1);
      expect(result.outputs.id.value).toBe(models[0].id);
      expect(result.outputs.status.value).toBe("STATUS_READY");
      const creates = (await admin.requests()).filter(
        (r) => r.method === "POST" && r.path.endsWith("finetuned-models"),
      );
      expect(creates).toHaveLength(0);
    },
    step,
  );
});
