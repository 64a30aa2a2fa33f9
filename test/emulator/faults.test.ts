import { Cohere, CohereClient } from "cohere-ai";
import { testApiKey, startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";

describe("fault injection", () => {
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 100 });
  });
  afterEach(() => emulator.close());

  const setFaults = (config: Record<string, unknown>) =>
    emulator.send("PUT", "/_emulator/faults", { body: config, auth: false });
  const logged = () => emulator.admin.requests();
  const models = async () => (await emulator.send("GET", MODELS)).body.finetuned_models as { name: string }[];

  test("the default config injects nothing; PUT replaces it and GET returns it", async () => {
    expect((await emulator.send("GET", "/_emulator/faults", { auth: false })).body).toEqual({
      rate_429: 0,
      rate_500: 0,
      rate_503: 0,
      drop_rate: 0,
      drop_after_processing_rate: 0,
      processed_then_502_rate: 0,
      latency_ms: 0,
      retry_after_seconds: 1,
      visibility_delay_ms: 0,
      fail_training: [],
      methods: [],
      seed: 1,
    });
    await setFaults({ rate_500: 0.25, seed: 9 });
    await setFaults({ latency_ms: 5 });
    expect((await emulator.send("GET", "/_emulator/faults", { auth: false })).body).toMatchObject({
      rate_500: 0,
      latency_ms: 5,
      seed: 1,
    });
  });

  test("invalid fault configs are a 400", async () => {
    for (const config of [
      { rate_429: 2 },
      { rate_500: "often" },
      { latency_ms: -5 },
      { fail_training: "x" },
      { surprise: 1 },
    ]) {
      const response = await setFaults(config);
      expect(response.status).toBe(400);
      expect(typeof response.body.message).toBe("string");
    }
  });

  test("429 carries Retry-After (default 1 s, configurable) and Cohere's body", async () => {
    await setFaults({ rate_429: 1 });
    const limited = await emulator.send("GET", MODELS);
    expect(limited).toMatchObject({ status: 429, body: { message: "rate limit exceeded" } });
    expect(limited.headers.get("retry-after")).toBe("1");
    await setFaults({ rate_429: 1, retry_after_seconds: 7 });
    expect((await emulator.send("GET", MODELS)).headers.get("retry-after")).toBe("7");
    expect((await logged()).map((r) => r.status)).toEqual([429, 429]);
  });

  test("500 and 503 are answered with a {message} body", async () => {
    await setFaults({ rate_500: 1 });
    expect(await emulator.send("GET", MODELS)).toMatchObject({
      status: 500,
      body: { message: "internal server error" },
    });
    await setFaults({ rate_503: 1 });
    expect(await emulator.send("GET", MODELS)).toMatchObject({
      status: 503,
      body: { message: "service unavailable" },
    });
  });

  test("faults come before authentication, and the admin API is never faulted", async () => {
    await setFaults({ rate_503: 1 });
    expect((await emulator.send("GET", MODELS, { auth: false })).status).toBe(503);
    expect((await emulator.send("GET", "/_emulator/faults", { auth: false })).status).toBe(200);
    expect((await emulator.send("GET", "/_emulator/requests", { auth: false })).status).toBe(200);
  });

  test("latency_ms delays every /v1 request", async () => {
    await setFaults({ latency_ms: 150 });
    const started = Date.now();
    expect((await emulator.send("GET", MODELS)).status).toBe(200);
    expect(Date.now() - started).toBeGreaterThanOrEqual(145);
    expect((await logged())[0].duration_ms).toBeGreaterThanOrEqual(145);
  });

  test("drop_rate destroys the connection before processing: nothing is created, status 0 is logged", async () => {
    const datasetId = await emulator.chatDatasetId();
    await setFaults({ drop_rate: 1 });
    await expect(
      emulator.createModel("dropped", { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId }),
    ).rejects.toThrow();
    await setFaults({});
    expect(await models()).toEqual([]);
    expect((await logged()).find((r) => r.method === "POST" && r.path === MODELS)).toMatchObject({
      status: 0,
    });
  });

  test("drop_after_processing_rate creates the model, then destroys the connection (the ambiguous case)", async () => {
    const datasetId = await emulator.chatDatasetId();
    await setFaults({ drop_after_processing_rate: 1 });
    await expect(
      emulator.createModel("ambiguous", {
        base_model: { base_type: "BASE_TYPE_CHAT" },
        dataset_id: datasetId,
      }),
    ).rejects.toThrow();
    await setFaults({});
    expect((await models()).map((m) => m.name)).toEqual(["ambiguous"]);
    expect((await logged()).find((r) => r.method === "POST" && r.path === MODELS)).toMatchObject({
      status: 0,
    });
  });

  test("methods limits faults to requests of those HTTP methods", async () => {
    await setFaults({ rate_500: 1, methods: ["post"] });
    expect((await emulator.send("GET", "/_emulator/faults", { auth: false })).body).toMatchObject({
      methods: ["POST"],
    });
    expect((await emulator.send("GET", MODELS)).status).toBe(200);
    expect((await emulator.send("POST", MODELS, { body: {} })).status).toBe(500);
    expect((await setFaults({ methods: "POST" })).status).toBe(400);
  });

  test("the same seed gives the same faults for the same request sequence", async () => {
    const run = async (seed: number) => {
      await setFaults({ rate_500: 0.5, seed });
      const statuses: number[] = [];
      for (let i = 0; i < 20; i++) statuses.push((await emulator.send("GET", MODELS)).status);
      return statuses;
    };
    const first = await run(42);
    expect(new Set(first)).toEqual(new Set([200, 500]));
    expect(await run(42)).toEqual(first);
  });

  test("the official SDK retries a 429 honouring Retry-After and gets through", async () => {
    // With seed 1 and a 50 % rate the first request is limited and the second is not.
    await setFaults({ rate_429: 0.5, retry_after_seconds: 1, seed: 1 });
    const client = new CohereClient({ baseUrl: emulator.url, token: testApiKey, maxRetries: 2 });
    const response = await client.finetuning.listFinetunedModels();
    expect(response.totalSize).toBe(0);
    expect((await logged()).map((r) => r.status)).toEqual([429, 200]);
    await setFaults({ rate_503: 1 });
    const noRetry = new CohereClient({ baseUrl: emulator.url, token: testApiKey, maxRetries: 0 });
    await expect(noRetry.finetuning.listFinetunedModels()).rejects.toBeInstanceOf(
      Cohere.ServiceUnavailableError,
    );
  });
});
