import type { WireSettings } from "../../emulator/wire/types";
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

  test("the request log keeps JSON bodies with their secrets redacted, and the client's name", async () => {
    const datasetId = await emulator.chatDatasetId();
    await emulator.admin.clearRequests();
    await emulator.send("POST", MODELS, {
      body: {
        name: "m",
        settings: {
          base_model: { base_type: "BASE_TYPE_CHAT" },
          dataset_id: datasetId,
          wandb: { project: "p", api_key: "wandb-secret-1" },
        },
      },
      headers: { "x-client-name": "my-tool" },
    });
    const [create] = await emulator.admin.requests();
    expect(create).toMatchObject({
      client_name: "my-tool",
      body: { name: "m", settings: { wandb: { project: "p", api_key: "[REDACTED]" } } },
    });
    expect(JSON.stringify(create)).not.toContain("wandb-secret-1");
  });

  test("a model can be made to report other settings, as drift at Cohere would", async () => {
    const model = await emulator.chatModel("drifting", { hyperparameters: { train_epochs: 1 } });
    const drifted = await emulator.admin.replaceSettings(model.id as string, {
      ...(model.settings as WireSettings),
      hyperparameters: { train_epochs: 4 },
    });
    expect(drifted.settings.hyperparameters).toEqual({ train_epochs: 4 });
    const read = await emulator.send("GET", `${MODELS}/${model.id as string}`);
    expect(read.body).toMatchObject({
      finetuned_model: { settings: { hyperparameters: { train_epochs: 4 } } },
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
