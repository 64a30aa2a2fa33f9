import { startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";
const DAY_MS = 24 * 60 * 60 * 1000;
const COUNT = 5000;

interface ListBody {
  finetuned_models: { id: string; name: string; status: string; created_at: string }[];
  next_page_token: string;
  total_size: number;
}

describe("an account holding 5,000 models", () => {
  let emulator: TestEmulator;
  let seededIn: number;
  let ids: string[];
  const list = async (query: Record<string, string | number>) =>
    (await emulator.send("GET", MODELS, { query })).body as unknown as ListBody;

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000 });
    const started = performance.now();
    ids = await emulator.admin.seedModels({
      count: COUNT,
      name_prefix: "bulk",
      oldest_age_ms: 90 * DAY_MS,
      newest_age_ms: DAY_MS,
    });
    seededIn = performance.now() - started;
  });
  afterAll(() => emulator.close());

  test("seeding them is quick, and they are READY, created evenly over the window, oldest first", async () => {
    expect(seededIn).toBeLessThan(2000);
    expect(ids).toHaveLength(COUNT);
    const { now } = await emulator.admin.clock();
    const page = await list({ page_size: 1000 });
    const first = page.finetuned_models[0];
    expect(first).toMatchObject({ id: ids[0], name: "bulk-0000", status: "STATUS_READY" });
    const age = (model: { created_at: string }) => Date.parse(now) - Date.parse(model.created_at);
    expect(age(first) / DAY_MS).toBeCloseTo(90, 2);
    const step = (89 * DAY_MS) / (COUNT - 1);
    expect(age(first) - age(page.finetuned_models[1])).toBeCloseTo(step, -1);
    const newest = (await list({ page_size: 1, order_by: "created_at desc" })).finetuned_models[0];
    expect(newest).toMatchObject({ id: ids[COUNT - 1], name: "bulk-4999", status: "STATUS_READY" });
    expect(age(newest) / DAY_MS).toBeCloseTo(1, 2);
  });

  test("page_size above 1000 is coerced to 1000; the pages, either order, hold every model once", async () => {
    const coerced = await list({ page_size: 5000 });
    expect(coerced.finetuned_models).toHaveLength(1000);
    expect(coerced.total_size).toBe(COUNT);
    for (const order_by of ["created_at", "created_at desc"]) {
      const seen: string[] = [];
      let token = "";
      do {
        const page = await list({ page_size: 5000, order_by, ...(token ? { page_token: token } : {}) });
        seen.push(...page.finetuned_models.map((model) => model.id));
        token = page.next_page_token;
      } while (token !== "");
      expect(seen).toEqual(order_by === "created_at" ? ids : [...ids].reverse());
    }
  });

  test("a model created afterwards lists last, and the admin client's models() follows every page", async () => {
    const model = await emulator.chatModel("fresh");
    const all = await emulator.admin.models();
    expect(all).toHaveLength(COUNT + 1);
    expect(all[COUNT].id).toBe(model.id);
  });

  test("a bad seed request is a 400", async () => {
    for (const body of [
      { count: 0, oldest_age_ms: 1, newest_age_ms: 0 },
      { count: 1.5, oldest_age_ms: 1, newest_age_ms: 0 },
      { count: 1, oldest_age_ms: 1, newest_age_ms: 2 },
      { count: 1 },
    ]) {
      const answer = await emulator.send("POST", "/_emulator/seed-models", { body, auth: false });
      expect(answer.status).toBe(400);
    }
    const unknownDataset = await emulator.send("POST", "/_emulator/seed-models", {
      body: { count: 1, dataset_id: "missing", oldest_age_ms: 1, newest_age_ms: 0 },
      auth: false,
    });
    expect(unknownDataset.status).toBe(404);
  });
});
