import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorProject, modelsProgram, UserProject } from "./harness";
import { fastProviderEnv, startTestEmulator, testApiKey } from "../support/emulator";

/**
 * A replacement whose new training fails leaves the old model in the stack, pending deletion. Reverting the
 * spec to the old settings takes the old model over; the pending deletion must then not delete it.
 */
describe("reverting after a failed replacement", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;
  let datasetId: string;
  const up = async (args: Record<string, unknown>) => {
    project.writeFile("index.ts", modelsProgram({ flip: { args } }));
    await project.up();
    return ((await project.outputs()).models as Record<string, { id: string; status: string }>).flip;
  };
  const settings = (trainEpochs: number) => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" as const },
    datasetId,
    hyperparameters: { trainEpochs },
  });

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 600 });
    admin = emulator.admin;
    project = await emulatorProject({ emulatorUrl: emulator.url, apiKey: testApiKey, env: fastProviderEnv });
  }, 600_000);

  afterAll(async () => {
    await project?.destroy().catch(() => undefined);
    await project?.cleanup();
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
      const originalId = (await up({ name, settings: settings(1) })).id;

      const failingName = name ?? "will-fail";
      await admin.setFaults({ fail_training: [failingName] });
      expect(
        await up({ name: failingName, settings: settings(2) }).catch((error: Error) => error),
      ).toBeInstanceOf(Error);
      await admin.setFaults({});

      const reverted = await up({ name, settings: settings(1) });
      // The revert takes the original model over (no new training) and the failed one is deleted.
      expect(reverted.id).toBe(originalId);
      const models = await admin.models();
      expect(reverted.status).toBe("STATUS_READY");
      expect(models.map((m) => m.id)).toEqual([reverted.id]);
    },
    300_000,
  );
});
