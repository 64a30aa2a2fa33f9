import { start, type TestEmulator } from "./support";

const MODELS = "/v1/finetuning/finetuned-models";

describe("admin API under /_emulator", () => {
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await start({ trainingMs: 60_000, validationMs: 100 });
  });
  afterEach(() => emulator.close());

  test("the request log lists every /v1 request in order with method, path, query, status, time and duration", async () => {
    await emulator.api("GET", MODELS, { query: { page_size: 5, order_by: "created_at desc" } });
    await emulator.api("GET", MODELS, { auth: false });
    await emulator.api("GET", "/v1/nowhere");
    await emulator.admin("GET", "faults");
    const { requests } = (await emulator.admin("GET", "requests")).body as {
      requests: Record<string, unknown>[];
    };
    expect(requests).toEqual([
      expect.objectContaining({
        method: "GET",
        path: MODELS,
        query: { page_size: "5", order_by: "created_at desc" },
        status: 200,
      }),
      expect.objectContaining({ method: "GET", path: MODELS, query: {}, status: 401 }),
      expect.objectContaining({ method: "GET", path: "/v1/nowhere", status: 404 }),
    ]);
    for (const entry of requests) {
      expect(Object.keys(entry).sort()).toEqual(["duration_ms", "method", "path", "query", "status", "time"]);
      expect(Number.isNaN(Date.parse(entry.time as string))).toBe(false);
      expect(typeof entry.duration_ms).toBe("number");
    }
    expect((await emulator.admin("DELETE", "requests")).body).toEqual({});
    expect((await emulator.admin("GET", "requests")).body).toEqual({ requests: [] });
  });

  test("reset clears models, datasets, faults and the request log", async () => {
    await emulator.chatModel("to-be-forgotten");
    await emulator.admin("PUT", "faults", { latency_ms: 1, fail_training: ["x"] });
    expect((await emulator.admin("POST", "reset")).body).toEqual({});
    expect((await emulator.admin("GET", "faults")).body).toMatchObject({ latency_ms: 0, fail_training: [] });
    expect((await emulator.admin("GET", "requests")).body).toEqual({ requests: [] });
    expect((await emulator.api("GET", MODELS)).body).toEqual({
      finetuned_models: [],
      next_page_token: "",
      total_size: 0,
    });
    expect((await emulator.api("GET", "/v1/datasets")).body).toEqual({ datasets: [] });
  });

  test("authentication: Bearer key required, X-Client-Name accepted; the admin API needs none", async () => {
    const missing = await emulator.api("GET", MODELS, { auth: false });
    expect(missing).toMatchObject({ status: 401, body: { message: "no api key supplied" } });
    const empty = await emulator.api("GET", MODELS, { headers: { authorization: "Bearer " } });
    expect(empty).toMatchObject({ status: 401, body: { message: "no api key supplied" } });
    const wrong = await emulator.api("GET", MODELS, { headers: { authorization: "Bearer nope" } });
    expect(wrong).toMatchObject({ status: 401, body: { message: "invalid api token" } });
    const basic = await emulator.api("GET", MODELS, { headers: { authorization: "Basic abc" } });
    expect(basic).toMatchObject({ status: 401, body: { message: "invalid api token" } });
    const named = await emulator.api("GET", MODELS, { headers: { "x-client-name": "my-project" } });
    expect(named.status).toBe(200);
    expect((await emulator.admin("GET", "clock")).status).toBe(200);
    expect((await emulator.api("GET", "/v1/_emulator/faults")).status).toBe(404);
  });
});
