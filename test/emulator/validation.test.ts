import { chatRows, classificationRows, startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";

describe("request validation on fine-tuned models", () => {
  let emulator: TestEmulator;
  let datasetId: string;
  const chat = () => ({ base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId });

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 60_000 });
    datasetId = await emulator.chatDatasetId();
  });
  afterEach(() => emulator.close());

  async function expect400(body: unknown, fragment: string): Promise<void> {
    const response = await emulator.send("POST", MODELS, { body });
    expect(response.status).toBe(400);
    expect(response.body.message).toEqual(expect.stringContaining(fragment));
  }

  test("malformed JSON is a 400 with Cohere's 'invalid json syntax' message", async () => {
    const response = await emulator.send("POST", MODELS, {
      rawBody: '{"name": "x", ',
      headers: { "content-type": "application/json" },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toMatch(/^invalid json syntax: /);
  });

  test("a body that is not an object, or is empty, is a 400", async () => {
    await expect400([1, 2], "request body must be an object");
    const empty = await emulator.send("POST", MODELS, { headers: { "content-type": "application/json" } });
    expect(empty).toMatchObject({
      status: 400,
      body: { message: "invalid request: request body must be an object" },
    });
  });

  test.each([
    ["name", { settings: "CHAT" }, "name is required"],
    ["settings", { name: "m" }, "settings is required"],
    ["settings.base_model", { name: "m", settings: { dataset_id: "d" } }, "settings.base_model is required"],
    [
      "base_type",
      { name: "m", settings: { base_model: {}, dataset_id: "d" } },
      "settings.base_model.base_type is required",
    ],
    [
      "dataset_id",
      { name: "m", settings: { base_model: { base_type: "BASE_TYPE_CHAT" } } },
      "settings.dataset_id is required",
    ],
  ])("missing %s is a 400 naming it", async (_field, body, message) => {
    const settings =
      (body as { settings?: unknown }).settings === "CHAT"
        ? chat()
        : (body as { settings?: unknown }).settings;
    await expect400({ ...body, settings }, message);
  });

  test("unknown enum values are a 400 naming the field and the allowed values", async () => {
    await expect400(
      { name: "m", settings: { ...chat(), base_model: { base_type: "BASE_TYPE_LLM" } } },
      "settings.base_model.base_type must be one of BASE_TYPE_UNSPECIFIED",
    );
    await expect400(
      { name: "m", settings: { ...chat(), base_model: { base_type: "BASE_TYPE_CHAT", strategy: "FAST" } } },
      "settings.base_model.strategy must be one of",
    );
    await expect400(
      { name: "m", settings: { ...chat(), hyperparameters: { lora_target_modules: "ALL" } } },
      "settings.hyperparameters.lora_target_modules must be one of",
    );
    await expect400(
      { name: "m", settings: { ...chat(), base_model: { base_type: "BASE_TYPE_UNSPECIFIED" } } },
      "settings.base_model.base_type must be specified",
    );
    await expect400(
      { name: "m", settings: { ...chat(), base_model: { base_type: "BASE_TYPE_GENERATIVE" } } },
      "BASE_TYPE_GENERATIVE is deprecated",
    );
  });

  test("wrong types are a 400 naming the field", async () => {
    await expect400({ name: 42, settings: chat() }, "name must be a string");
    await expect400({ name: "m", settings: [] }, "settings must be an object");
    await expect400(
      { name: "m", settings: { ...chat(), dataset_id: 7 } },
      "settings.dataset_id must be a string",
    );
    await expect400(
      { name: "m", settings: { ...chat(), hyperparameters: { train_epochs: "3" } } },
      "settings.hyperparameters.train_epochs must be an integer",
    );
    await expect400(
      { name: "m", settings: { ...chat(), hyperparameters: { train_epochs: 1.5 } } },
      "settings.hyperparameters.train_epochs must be an integer",
    );
    await expect400(
      { name: "m", settings: { ...chat(), hyperparameters: { learning_rate: "fast" } } },
      "settings.hyperparameters.learning_rate must be a number",
    );
    await expect400(
      { name: "m", settings: { ...chat(), multi_label: "yes" } },
      "settings.multi_label must be a boolean",
    );
    await expect400(
      { name: "m", settings: { ...chat(), hyperparameters: { lora_rank: 0 } } },
      "settings.hyperparameters.lora_rank must be at least 1",
    );
  });

  test.each([
    ["train_epochs", 0, 11, 1, 10],
    ["learning_rate", 0.00004, 0.11, 0.00005, 0.1],
    ["train_batch_size", 1, 17, 2, 16],
    ["early_stopping_threshold", 0.0009, 0.2, 0.001, 0.1],
    ["early_stopping_patience", -1, 11, 0, 10],
  ])(
    "hyperparameters.%s outside its documented range is a 400; its bounds are accepted",
    async (field, low, high, min, max) => {
      for (const value of [low, high]) {
        await expect400(
          { name: "m", settings: { ...chat(), hyperparameters: { [field]: value } } },
          `settings.hyperparameters.${field} must be between ${min} and ${max}`,
        );
      }
      for (const value of [min, max]) {
        const ok = await emulator.createModel(`m-${field}-${value}`, {
          ...chat(),
          hyperparameters: { [field]: value },
        });
        expect(ok.status).toBe(200);
      }
    },
  );

  test("settings that do not fit the base type are a 400", async () => {
    await expect400(
      { name: "m", settings: { ...chat(), wandb: { project: "p" } } },
      "settings.wandb.api_key is required",
    );
    await expect400(
      { name: "m", settings: { ...chat(), multi_label: true } },
      "settings.multi_label is only supported for BASE_TYPE_CLASSIFICATION",
    );
    const classification = await emulator.dataset(
      "single-label-classification-finetune-input",
      classificationRows(5, ["a", "b", "c", "d", "e", "f", "g", "h"]),
    );
    const classify = { base_model: { base_type: "BASE_TYPE_CLASSIFICATION" }, dataset_id: classification.id };
    await expect400(
      { name: "m", settings: { ...classify, wandb: { project: "p", api_key: "k" } } },
      "settings.wandb is only supported for BASE_TYPE_CHAT",
    );
    await expect400(
      { name: "m", settings: { ...classify, multi_label: true } },
      "settings.multi_label is true but dataset",
    );
    await expect400(
      { name: "m", settings: { ...classify, base_model: { base_type: "BASE_TYPE_CHAT" } } },
      "cannot train BASE_TYPE_CHAT",
    );
    await expect400(
      { name: "m", settings: { ...classify, base_model: { base_type: "BASE_TYPE_RERANK", name: "tiny" } } },
      "settings.base_model.name must be one of english, multilingual",
    );
    const ok = await emulator.createModel("classifier", classify);
    expect(ok.status).toBe(200);
    expect(ok.body.finetuned_model).toMatchObject({ settings: { multi_label: false } });
  });

  test("an unknown dataset is a 404; a dataset not yet validated, or failed, is a 400", async () => {
    const unknown = await emulator.createModel("m", { ...chat(), dataset_id: "no-such-dataset" });
    expect(unknown).toMatchObject({
      status: 404,
      body: { message: "dataset with id no-such-dataset not found" },
    });

    const queued = await emulator.upload(
      { name: "fresh", type: "chat-finetune-input" },
      {
        data: chatRows(3)
          .map((r) => JSON.stringify(r))
          .join("\n"),
      },
    );
    const pending = await emulator.createModel("m", { ...chat(), dataset_id: queued.body.id });
    expect(pending.status).toBe(400);
    expect(pending.body.message).toMatch(
      /settings\.dataset_id: .* is not ready for fine-tuning \(validation_status queued\)/,
    );

    const bad = await emulator.upload({ name: "bad", type: "chat-finetune-input" }, { data: "not json\n" });
    await emulator.admin.advanceClock(60_000);
    const failed = await emulator.createModel("m", { ...chat(), dataset_id: bad.body.id });
    expect(failed.status).toBe(400);
    expect(failed.body.message).toContain("validation_status failed: data row 1: is not valid JSON");
  });

  test("an unknown model id is a 404 with Cohere's message; a malformed id is a 400", async () => {
    const id = "0b9b1c8e-3f44-4c59-9d87-4a6b1e2a7c11";
    for (const [method, path] of [
      ["GET", `${MODELS}/${id}`],
      ["DELETE", `${MODELS}/${id}`],
      ["GET", `${MODELS}/${id}/events`],
      ["GET", `${MODELS}/${id}/training-step-metrics`],
    ]) {
      const response = await emulator.send(method, path);
      expect(response).toMatchObject({ status: 404, body: { message: `finetuned model ${id} not found` } });
    }
    const patched = await emulator.send("PATCH", `${MODELS}/${id}`, { body: { name: "x" } });
    expect(patched.status).toBe(404);
    const malformed = await emulator.send("GET", `${MODELS}/not-a-uuid`);
    expect(malformed).toMatchObject({
      status: 400,
      body: { message: "finetuneID is not a valid UUID: 'not-a-uuid'" },
    });
  });

  test("names may repeat: two creates with one name give two models", async () => {
    const first = await emulator.createModel("twin", chat());
    const second = await emulator.createModel("twin", chat());
    expect(first.status).toBe(200);
    expect(second.status).toBe(200);
    const list = await emulator.send("GET", MODELS);
    expect((list.body.finetuned_models as { name: string }[]).filter((m) => m.name === "twin")).toHaveLength(
      2,
    );
  });

  test("a JSON body sent without a JSON content type is still read", async () => {
    const response = await emulator.send("POST", MODELS, {
      rawBody: JSON.stringify({ name: "plain", settings: chat() }),
      headers: { "content-type": "text/plain" },
    });
    expect(response.status).toBe(200);
  });

  test("garbage never crashes the server: every answer is a {message} and the server keeps serving", async () => {
    const bodies = [
      "",
      "null",
      "[]",
      '"x"',
      "{",
      '{"name":{}}',
      '{"__proto__":{"name":"x"}}',
      "\u0000\u0001",
      "9".repeat(5000),
    ];
    for (const rawBody of bodies) {
      for (const method of ["POST", "PATCH"]) {
        const path = method === "POST" ? MODELS : `${MODELS}/0b9b1c8e-3f44-4c59-9d87-4a6b1e2a7c11`;
        const response = await emulator.send(method, path, {
          rawBody,
          headers: { "content-type": "application/json" },
        });
        expect(response.status).toBeGreaterThanOrEqual(400);
        expect(response.status).toBeLessThan(500);
        expect(typeof response.body.message).toBe("string");
      }
    }
    const badUrl = await emulator.send("GET", `${MODELS}/%E0%A4%A`);
    expect(badUrl).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("invalid request") },
    });
    const unknownRoute = await emulator.send("GET", "/v1/finetuning/nothing-here");
    expect(unknownRoute).toMatchObject({ status: 404, body: { message: "404 page not found" } });
    expect((await emulator.send("GET", MODELS)).status).toBe(200);
  });
});

describe("PATCH of a fine-tuned model", () => {
  let emulator: TestEmulator;
  let model: Record<string, unknown>;
  let path: string;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 100 });
    model = await emulator.chatModel("original", {
      hyperparameters: { train_epochs: 2 },
      wandb: { project: "p1", api_key: "wandb-one" },
    });
    path = `${MODELS}/${model.id as string}`;
  });
  afterEach(() => emulator.close());

  test("accepts {name, settings} as the SDKs send it, and a name-only body", async () => {
    const both = await emulator.send("PATCH", path, { body: { name: "renamed", settings: model.settings } });
    expect(both.status).toBe(200);
    expect(both.body.finetuned_model).toMatchObject({ name: "renamed", settings: model.settings });

    const nameOnly = await emulator.send("PATCH", path, { body: { name: "renamed-again" } });
    expect(nameOnly.status).toBe(200);
    expect(nameOnly.body.finetuned_model).toMatchObject({
      id: model.id,
      name: "renamed-again",
      status: "STATUS_QUEUED",
    });
    expect((await emulator.send("GET", path)).body.finetuned_model).toMatchObject({ name: "renamed-again" });
  });

  test("a missing name is a 400", async () => {
    const response = await emulator.send("PATCH", path, { body: { settings: model.settings } });
    expect(response).toMatchObject({ status: 400, body: { message: "invalid request: name is required" } });
  });

  test.each([
    ["settings.dataset_id", (s: Record<string, unknown>) => ({ ...s, dataset_id: "other-dataset" })],
    [
      "settings.base_model.base_type",
      (s: Record<string, unknown>) => ({
        ...s,
        wandb: undefined,
        base_model: { base_type: "BASE_TYPE_RERANK" },
      }),
    ],
    [
      "settings.hyperparameters.train_epochs",
      (s: Record<string, unknown>) => ({ ...s, hyperparameters: { train_epochs: 3 } }),
    ],
    [
      "settings.hyperparameters.learning_rate",
      (s: Record<string, unknown>) => ({ ...s, hyperparameters: { learning_rate: 0.05 } }),
    ],
  ])("changing %s is a 400 naming the field", async (field, change) => {
    const response = await emulator.send("PATCH", path, {
      body: { name: "x", settings: change(model.settings as Record<string, unknown>) },
    });
    expect(response.status).toBe(400);
    expect(response.body.message).toContain(`${field} cannot be changed`);
    expect((await emulator.send("GET", path)).body.finetuned_model).toMatchObject({ name: "original" });
  });

  test("the wandb block may be replaced, and its api_key is never returned", async () => {
    const settings = {
      ...(model.settings as object),
      wandb: { project: "p2", entity: "team", api_key: "wandb-two" },
    };
    const response = await emulator.send("PATCH", path, { body: { name: "original", settings } });
    expect(response.status).toBe(200);
    expect(response.body.finetuned_model).toMatchObject({
      settings: { wandb: { project: "p2", entity: "team" } },
    });
    expect(JSON.stringify(response.body)).not.toContain("wandb-two");
    expect(JSON.stringify(model)).not.toContain("wandb-one");
  });
});
