import { startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";

describe("EmulatorAdmin, the typed client of the admin API", () => {
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 0 });
  });
  afterEach(() => emulator.close());

  test("faults: setFaults replaces the config and returns it, faults reads it back", async () => {
    const config = await emulator.admin.setFaults({ rate_503: 0.5, methods: ["post"] });
    expect(config).toMatchObject({ rate_503: 0.5, rate_429: 0, methods: ["POST"], seed: 1 });
    expect(await emulator.admin.faults()).toEqual(config);
    await expect(emulator.admin.setFaults({ rate_503: 2 })).rejects.toThrow(/answered 400/);
  });

  test("datasets, models, the request log and reset", async () => {
    const datasetId = await emulator.admin.createChatDataset("typed", 6);
    expect(await emulator.admin.datasets()).toEqual([
      expect.objectContaining({ id: datasetId, name: "typed", validation_status: "validated" }),
    ]);
    const created = await emulator.admin.api("POST", MODELS, {
      name: "typed-model",
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
    });
    expect(created.status).toBe(200);
    expect((await emulator.admin.models()).map((model) => model.name)).toEqual(["typed-model"]);
    expect((await emulator.admin.api("GET", `${MODELS}/nope`)).status).toBe(400);

    const logged = await emulator.admin.requests();
    expect(logged.map((entry) => `${entry.method} ${entry.path} ${entry.status}`)).toContain(
      `POST ${MODELS} 200`,
    );
    await emulator.admin.clearRequests();
    expect(await emulator.admin.requests()).toEqual([]);

    await emulator.admin.reset();
    expect(await emulator.admin.models()).toEqual([]);
    expect(await emulator.admin.datasets()).toEqual([]);
  });

  test("clock and forced statuses", async () => {
    const model = await emulator.chatModel("forced");
    const before = await emulator.admin.clock();
    const after = await emulator.admin.advanceClock(1000);
    expect(after.offset_ms).toBe(before.offset_ms + 1000);
    const paused = await emulator.admin.forceStatus(model.id as string, "STATUS_PAUSED");
    expect(paused).toMatchObject({ id: model.id, status: "STATUS_PAUSED" });
  });
});
