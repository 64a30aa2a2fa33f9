import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorProject, modelsProgram, UserProject } from "./harness";
import { fastProviderEnv, startTestEmulator, testApiKey } from "../support/emulator";

/**
 * A replacement whose new training fails: the new model stays in the stack (the next up replaces it) and the
 * original keeps serving, marked by Pulumi for deletion. Reverting the spec then trains anew; the original is
 * deleted with the failed model, since Pulumi holds it for deletion; nothing is left behind.
 */
describe("a failed replacement, then a revert", () => {
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

      const failed = (await admin.models()).find((m) => m.status === "STATUS_FAILED")!;
      expect((await admin.models()).find((m) => m.id === originalId)).toMatchObject({
        status: "STATUS_READY",
      });

      await admin.clearRequests();
      const reverted = await up({ name, settings: settings(1) });
      expect(reverted.id).not.toBe(originalId);
      expect(reverted.status).toBe("STATUS_READY");
      expect((await admin.models()).map((m) => m.id)).toEqual([reverted.id]);
      const deleted = (await admin.requests())
        .filter((r) => r.method === "DELETE")
        .map((r) => r.path.split("/").pop());
      expect(deleted.sort()).toEqual([originalId, failed.id].sort());
    },
    300_000,
  );
});
