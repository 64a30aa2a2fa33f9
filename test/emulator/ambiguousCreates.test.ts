import { seededRandom } from "../../emulator/prng";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";
const DELAY_MS = 30_000;

describe("faults that leave a create ambiguous, and the request log that tells them apart", () => {
  let emulator: TestEmulator;
  let datasetId: string;
  const create = (name: string) =>
    emulator.createModel(name, { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId });
  const names = async () => (await emulator.admin.models()).map((model) => model.name);
  const lastLogged = async () => (await emulator.admin.requests()).at(-1);

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 100 });
    datasetId = await emulator.chatDatasetId();
  });
  afterEach(() => emulator.close());

  test("processed_then_502_rate creates the model, then answers 502 bad gateway", async () => {
    await emulator.admin.setFaults({ processed_then_502_rate: 1 });
    const answer = await create("behind-a-gateway");
    expect(answer).toMatchObject({ status: 502, body: { message: "bad gateway" } });
    expect(answer.headers.get("content-type")).toMatch(/^application\/json/);
    expect(await lastLogged()).toMatchObject({ method: "POST", status: 502, fault: "processed_then_502" });
    await emulator.admin.setFaults({});
    expect(await names()).toEqual(["behind-a-gateway"]);
  });

  test("each log entry names its fault; status stays as sent, 0 for a dropped connection", async () => {
    const faultOfOneCreate = async (config: Record<string, number>) => {
      await emulator.admin.setFaults(config);
      await create("logged").catch(() => undefined);
      const { status, fault } = (await lastLogged())!;
      return { status, fault };
    };
    expect(await faultOfOneCreate({})).toEqual({ status: 200, fault: "none" });
    expect(await faultOfOneCreate({ rate_500: 1 })).toEqual({ status: 500, fault: "status" });
    expect(await faultOfOneCreate({ rate_429: 1 })).toEqual({ status: 429, fault: "status" });
    expect(await faultOfOneCreate({ drop_rate: 1 })).toEqual({ status: 0, fault: "dropped" });
    expect(await faultOfOneCreate({ drop_after_processing_rate: 1 })).toEqual({
      status: 0,
      fault: "dropped_after_processing",
    });
    expect(await faultOfOneCreate({ processed_then_502_rate: 1 })).toEqual({
      status: 502,
      fault: "processed_then_502",
    });
  });

  test("visibility_delay_ms hides a new model from reads for that long; the create's answer shows it", async () => {
    const visible = (await create("committed")).body.finetuned_model as { id: string };
    await emulator.admin.setFaults({ visibility_delay_ms: DELAY_MS });
    const created = await create("still-committing");
    expect(created).toMatchObject({ status: 200, body: { finetuned_model: { name: "still-committing" } } });
    const id = (created.body.finetuned_model as { id: string }).id;
    const missing = { status: 404, body: { message: `finetuned model ${id} not found` } };

    expect(await emulator.send("GET", `${MODELS}/${id}`)).toMatchObject(missing);
    expect(await emulator.send("PATCH", `${MODELS}/${id}`, { body: { name: "x" } })).toMatchObject(missing);
    expect(await emulator.send("GET", `${MODELS}/${id}/events`)).toMatchObject(missing);
    expect(await emulator.send("DELETE", `${MODELS}/${id}`)).toMatchObject(missing);
    const list = await emulator.send("GET", MODELS);
    expect(list.body).toMatchObject({ total_size: 1, finetuned_models: [{ id: visible.id }] });

    await emulator.admin.setFaults({});
    await emulator.admin.advanceClock(DELAY_MS - 1000);
    expect((await emulator.send("GET", `${MODELS}/${id}`)).status).toBe(404);
    await emulator.admin.advanceClock(1000);
    expect(await emulator.send("GET", `${MODELS}/${id}`)).toMatchObject({
      status: 200,
      body: { finetuned_model: { id, name: "still-committing" } },
    });
    expect((await emulator.send("GET", MODELS)).body).toMatchObject({ total_size: 2 });
  });

  test("the draws follow the documented order: drop, 429, 500, 503, drop-after, 502, six per request", async () => {
    await emulator.admin.setFaults({
      rate_500: 0.5,
      processed_then_502_rate: 0.5,
      seed: 11,
      methods: ["GET"],
    });
    const random = seededRandom(11);
    const expected = Array.from({ length: 12 }, () => {
      const [, , r500, , , then502] = Array.from({ length: 6 }, random);
      return r500 < 0.5 ? 500 : then502 < 0.5 ? 502 : 200;
    });
    const observed: number[] = [];
    for (let i = 0; i < expected.length; i++) observed.push((await emulator.send("GET", MODELS)).status);
    expect(new Set(observed)).toEqual(new Set([200, 500, 502]));
    expect(observed).toEqual(expected);
  });
});
