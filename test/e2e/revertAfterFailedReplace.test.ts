import { FinetunedModel, FinetunedModelArgs } from "../../provider";
import { createTestStack, ENGINE_SETUP_TIMEOUT_MS, ensureEngine, TestStack } from "./harness";
import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorConfig, fastProviderEnv, startTestEmulator } from "../support/emulator";

/**
 * A replacement whose new training fails leaves the old model in the stack, pending deletion. Reverting the
 * spec to the old settings takes the old model over; the pending deletion must then not delete it.
 */
describe("reverting after a failed replacement", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let testStack: TestStack;
  let args: FinetunedModelArgs;
  let datasetId: string;
  const settings = (trainEpochs: number) => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" as const },
    datasetId,
    hyperparameters: { trainEpochs },
  });

  beforeAll(async () => {
    await ensureEngine();
    emulator = await startTestEmulator({ trainingMs: 600 });
    admin = emulator.admin;
    datasetId = await admin.createChatDataset();
    testStack = await createTestStack({
      program: async () => {
        const model = new FinetunedModel("flip", args);
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

  it.each([
    ["an explicit name", "flip-model"],
    ["a generated name", undefined],
  ])(
    "with %s",
    async (_title, name) => {
      await admin.reset();
      datasetId = await admin.createChatDataset();
      args = { name, settings: settings(1) };
      const first = await testStack.stack.up();
      const originalId = first.outputs.id.value as string;

      const failingName = name ?? "will-fail";
      args = { name: name ?? failingName, settings: settings(2) };
      await admin.setFaults({ fail_training: [failingName] });
      expect(await testStack.stack.up().catch((error: Error) => error)).toBeInstanceOf(Error);
      await admin.setFaults({});

      args = { name, settings: settings(1) };
      const reverted = await testStack.stack.up();
      const finalId = reverted.outputs.id.value as string;
      // The revert takes the original model over (no new training) and the failed one is deleted.
      expect(finalId).toBe(originalId);
      const models = await admin.models();
      expect(reverted.outputs.status.value).toBe("STATUS_READY");
      expect(models.map((m) => m.id)).toEqual([finalId]);
    },
    300_000,
  );
});
