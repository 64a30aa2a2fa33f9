import { startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";

describe("admin API under /_emulator", () => {
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 100 });
  });
  afterEach(() => emulator.close());

  test("the request log lists every /v1 request in order with method, path, query, status, fault, time and duration", async () => {
    await emulator.send("GET", MODELS, { query: { page_size: 5, order_by: "created_at desc" } });
    await emulator.send("GET", MODELS, { auth: false });
    await emulator.send("GET", "/v1/nowhere");
    await emulator.send("GET", "/_emulator/faults", { auth: false });
    const { requests } = (await emulator.send("GET", "/_emulator/requests", { auth: false })).body as {
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
      expect(Object.keys(entry).sort()).toEqual([
        "duration_ms",
        "fault",
        "method",
        "path",
        "query",
        "status",
        "time",
      ]);
      expect(Number.isNaN(Date.parse(entry.time as string))).toBe(false);
      expect(typeof entry.duration_ms).toBe("number");
    }
    expect((await emulator.send("DELETE", "/_emulator/requests", { auth: false })).body).toEqual({});
    expect((await emulator.send("GET", "/_emulator/requests", { auth: false })).body).toEqual({
      requests: [],
    });
  });

  test("reset clears models, datasets, faults and the request log", async () => {
    await emulator.chatModel("to-be-forgotten");
    await emulator.send("PUT", "/_emulator/faults", {
      body: { latency_ms: 1, fail_training: ["x"] },
      auth: false,
    });
    expect((await emulator.send("POST", "/_emulator/reset", { auth: false })).body).toEqual({});
    expect((await emulator.send("GET", "/_emulator/faults", { auth: false })).body).toMatchObject({
      latency_ms: 0,
      fail_training: [],
    });
    expect((await emulator.send("GET", "/_emulator/requests", { auth: false })).body).toEqual({
      requests: [],
    });
    expect((await emulator.send("GET", MODELS)).body).toEqual({
      finetuned_models: [],
      next_page_token: "",
      total_size: 0,
    });
    expect((await emulator.send("GET", "/v1/datasets")).body).toEqual({ datasets: [] });
  });

  test("authentication: Bearer key required, X-Client-Name accepted; the admin API needs none", async () => {
    const missing = await emulator.send("GET", MODELS, { auth: false });
    expect(missing).toMatchObject({ status: 401, body: { message: "no api key supplied" } });
    const empty = await emulator.send("GET", MODELS, { headers: { authorization: "Bearer " } });
    expect(empty).toMatchObject({ status: 401, body: { message: "no api key supplied" } });
    const wrong = await emulator.send("GET", MODELS, { headers: { authorization: "Bearer nope" } });
    expect(wrong).toMatchObject({ status: 401, body: { message: "invalid api token" } });
    const basic = await emulator.send("GET", MODELS, { headers: { authorization: "Basic abc" } });
    expect(basic).toMatchObject({ status: 401, body: { message: "invalid api token" } });
    const named = await emulator.send("GET", MODELS, { headers: { "x-client-name": "my-project" } });
    expect(named.status).toBe(200);
    expect((await emulator.send("GET", "/_emulator/clock", { auth: false })).status).toBe(200);
    expect((await emulator.send("GET", "/v1/_emulator/faults")).status).toBe(404);
  });
});
