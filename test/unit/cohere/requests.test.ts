import { CohereClient, HttpClientOptions, DEFAULT_CLIENT_NAME } from "../../../provider/cohere";
import { Handler, json, RecordedRequest, ScriptedServer, startScriptedServer } from "./scriptedServer";

const MODEL = {
  name: "my-model",
  settings: {
    base_model: { base_type: "BASE_TYPE_CHAT" },
    dataset_id: "ds-1",
    hyperparameters: { train_epochs: 2 },
  },
};
const READY = { ...MODEL, id: "ft-1", status: "STATUS_READY", created_at: "2025-01-01T00:00:00Z" };

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handlers: Handler[], options: Partial<HttpClientOptions> = {}) {
  server = await startScriptedServer(handlers);
  return new CohereClient({ apiKey: "key-1", baseUrl: server.url, retryBaseDelayMs: 1, ...options });
}

function only(): RecordedRequest {
  expect(server!.requests).toHaveLength(1);
  return server!.requests[0];
}

describe("every request", () => {
  test("carries the bearer key, the client name and asks for JSON", async () => {
    const client = await clientFor([json(200, { finetuned_model: READY })], { clientName: "my-tool" });
    await client.finetunedModels.get("ft-1");
    expect(only().headers).toMatchObject({
      authorization: "Bearer key-1",
      "x-client-name": "my-tool",
      accept: "application/json",
    });
  });

  test("names this project as client by default", async () => {
    const client = await clientFor([json(200, { finetuned_model: READY })]);
    await client.finetunedModels.get("ft-1");
    expect(only().headers["x-client-name"]).toBe(DEFAULT_CLIENT_NAME);
  });

  test("keeps a path prefix of the base URL", async () => {
    server = await startScriptedServer([json(200, { finetuned_model: READY })]);
    const client = new CohereClient({ apiKey: "k", baseUrl: `${server.url}/proxy/cohere/` });
    await client.finetunedModels.get("ft-1");
    expect(only().path).toBe("/proxy/cohere/v1/finetuning/finetuned-models/ft-1");
  });
});

describe("finetunedModels", () => {
  test("create POSTs the model and returns finetuned_model", async () => {
    const client = await clientFor([json(200, { finetuned_model: READY })]);
    await expect(client.finetunedModels.create(MODEL)).resolves.toEqual(READY);
    const req = only();
    expect([req.method, req.path]).toEqual(["POST", "/v1/finetuning/finetuned-models"]);
    expect(req.headers["content-type"]).toMatch(/^application\/json/);
    expect(JSON.parse(req.body.toString())).toEqual(MODEL);
  });

  test("get encodes the id into the path", async () => {
    const client = await clientFor([json(200, { finetuned_model: READY })]);
    await expect(client.finetunedModels.get("a/b c?d")).resolves.toEqual(READY);
    expect(only().path).toBe("/v1/finetuning/finetuned-models/a%2Fb%20c%3Fd");
  });

  test("list sends page_size, page_token and order_by", async () => {
    const page = { finetuned_models: [READY], next_page_token: "", total_size: 1 };
    const client = await clientFor([json(200, page)]);
    await expect(
      client.finetunedModels.list({ pageSize: 10, pageToken: "t1", orderBy: "created_at desc" }),
    ).resolves.toEqual(page);
    const req = only();
    expect([req.method, req.path]).toEqual(["GET", "/v1/finetuning/finetuned-models"]);
    expect(Object.fromEntries(req.query)).toEqual({
      page_size: "10",
      page_token: "t1",
      order_by: "created_at desc",
    });
  });

  test("list without options sends no query", async () => {
    const client = await clientFor([json(200, { finetuned_models: [], next_page_token: "", total_size: 0 })]);
    await client.finetunedModels.list();
    expect(only().query.toString()).toBe("");
  });

  test("listCreatedSince pages newest first and stops at the first model older than the window", async () => {
    const model = (id: string, createdAt: string) => ({ ...READY, id, created_at: createdAt });
    const client = await clientFor([
      json(200, {
        finetuned_models: [model("a", "2026-11-03T00:00:00Z"), model("b", "2026-11-02T00:00:00Z")],
        next_page_token: "p2",
        total_size: 5,
      }),
      json(200, {
        finetuned_models: [model("c", "2026-11-01T12:00:00Z"), model("d", "2026-10-01T00:00:00Z")],
        next_page_token: "p3",
        total_size: 5,
      }),
    ]);
    const recent = await client.finetunedModels.listCreatedSince(new Date("2026-11-01T00:00:00Z"));
    expect(recent.map((m) => m.id)).toEqual(["a", "b", "c"]);
    expect(server!.requests.map((r) => Object.fromEntries(r.query))).toEqual([
      { page_size: "1000", order_by: "created_at desc" },
      { page_size: "1000", order_by: "created_at desc", page_token: "p2" },
    ]);
  });

  test("listCreatedSince stops when a server repeats a page token", async () => {
    const client = await clientFor([
      json(200, {
        finetuned_models: [{ ...READY, created_at: "2030-01-01T00:00:00Z" }],
        next_page_token: "same",
        total_size: 1,
      }),
    ]);
    await expect(client.finetunedModels.listCreatedSince(new Date(0))).resolves.toHaveLength(2);
    expect(server!.requests).toHaveLength(2);
  });

  test("update PATCHes name and settings", async () => {
    const client = await clientFor([json(200, { finetuned_model: { ...READY, name: "renamed" } })]);
    const renamed = await client.finetunedModels.update("ft-1", {
      name: "renamed",
      settings: MODEL.settings,
    });
    expect(renamed.name).toBe("renamed");
    const req = only();
    expect([req.method, req.path]).toEqual(["PATCH", "/v1/finetuning/finetuned-models/ft-1"]);
    expect(JSON.parse(req.body.toString())).toEqual({ name: "renamed", settings: MODEL.settings });
  });

  test("delete sends DELETE", async () => {
    const client = await clientFor([json(200, {})]);
    await expect(client.finetunedModels.delete("ft-1")).resolves.toBeUndefined();
    const req = only();
    expect([req.method, req.path]).toEqual(["DELETE", "/v1/finetuning/finetuned-models/ft-1"]);
  });

  test("listTrainingStepMetrics uses its sub-path", async () => {
    const metrics = { step_metrics: [{ step_number: 1, metrics: { accuracy: 0.5 } }], next_page_token: "" };
    const client = await clientFor([json(200, metrics)]);
    await expect(client.finetunedModels.listTrainingStepMetrics("ft-1", { pageToken: "t" })).resolves.toEqual(
      metrics,
    );
    const [m] = server!.requests;
    expect(m.path).toBe("/v1/finetuning/finetuned-models/ft-1/training-step-metrics");
    expect(Object.fromEntries(m.query)).toEqual({ page_token: "t" });
  });
});

describe("datasets", () => {
  const DATASET = {
    id: "ds-1",
    name: "d",
    dataset_type: "chat-finetune-input",
    validation_status: "validated",
  };

  test("create uploads a multipart form with the files and sends the options as query", async () => {
    const client = await clientFor([json(200, { id: "ds-1" })]);
    const train = Buffer.from('{"messages":[{"role":"User","content":"hi"}]}\n');
    const evalData = Buffer.from('{"messages":[{"role":"User","content":"eval"}]}\n');
    await expect(
      client.datasets.create({
        name: "my data",
        type: "chat-finetune-input",
        data: new Blob([train]),
        dataFileName: "train.jsonl",
        evalData: new Blob([evalData]),
        evalDataFileName: "eval.jsonl",
        keepOriginalFile: true,
        skipMalformedInput: false,
        keepFields: ["a", "b"],
        csvDelimiter: ";",
      }),
    ).resolves.toEqual({ id: "ds-1" });

    const req = only();
    expect([req.method, req.path]).toEqual(["POST", "/v1/datasets"]);
    expect(Object.fromEntries(req.query)).toEqual({
      name: "my data",
      type: "chat-finetune-input",
      keep_original_file: "true",
      skip_malformed_input: "false",
      keep_fields: "b",
      csv_delimiter: ";",
    });
    expect(req.query.getAll("keep_fields")).toEqual(["a", "b"]);
    expect(req.headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);

    // undici's own multipart parser, independent of the client's encoder.
    const form = await new Response(req.body, {
      headers: { "content-type": req.headers["content-type"]! },
    }).formData();
    const data = form.get("data") as File;
    const evalFile = form.get("eval_data") as File;
    expect(data.name).toBe("train.jsonl");
    expect(Buffer.from(await data.arrayBuffer())).toEqual(train);
    expect(evalFile.name).toBe("eval.jsonl");
    expect(Buffer.from(await evalFile.arrayBuffer())).toEqual(evalData);
    expect([...form.keys()].sort()).toEqual(["data", "eval_data"]);
  });

  test("create without eval data sends only the data field", async () => {
    const client = await clientFor([json(200, { id: "ds-2" })]);
    await client.datasets.create({ name: "n", type: "t", data: new Blob(["x"]), dataFileName: "x.csv" });
    const req = only();
    const form = await new Response(req.body, {
      headers: { "content-type": req.headers["content-type"]! },
    }).formData();
    expect([...form.keys()]).toEqual(["data"]);
    expect(Object.fromEntries(req.query)).toEqual({ name: "n", type: "t" });
  });

  test("get returns the dataset", async () => {
    const client = await clientFor([json(200, { dataset: DATASET })]);
    await expect(client.datasets.get("ds 1")).resolves.toEqual(DATASET);
    expect(only().path).toBe("/v1/datasets/ds%201");
  });

  test("list sends camelCase query names and returns the datasets", async () => {
    const client = await clientFor([json(200, { datasets: [DATASET] })]);
    const before = new Date("2025-05-01T00:00:00Z");
    await expect(
      client.datasets.list({
        datasetType: "chat-finetune-input",
        before,
        limit: 5,
        offset: 10,
        validationStatus: "validated",
      }),
    ).resolves.toEqual([DATASET]);
    const req = only();
    expect(req.path).toBe("/v1/datasets");
    expect(Object.fromEntries(req.query)).toEqual({
      datasetType: "chat-finetune-input",
      before: before.toISOString(),
      limit: "5",
      offset: "10",
      validationStatus: "validated",
    });
  });

  test("delete sends DELETE", async () => {
    const client = await clientFor([json(200, {})]);
    await expect(client.datasets.delete("ds-1")).resolves.toBeUndefined();
    expect(server!.requests.map((r) => `${r.method} ${r.path}`)).toEqual(["DELETE /v1/datasets/ds-1"]);
  });
});
