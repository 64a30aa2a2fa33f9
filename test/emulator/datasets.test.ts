import {
  chatRows,
  classificationRows,
  jsonl,
  multiLabelRows,
  rerankRows,
  startTestEmulator,
  type TestEmulator,
} from "../support/emulator";

const LABELS = ["a", "b", "c", "d", "e", "f", "g", "h"];

describe("dataset upload and validation", () => {
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await startTestEmulator({ validationMs: 60_000 });
  });
  afterEach(() => emulator.close());

  async function expectFailed(type: string, rows: unknown[], fragment: string): Promise<void> {
    const dataset = await emulator.dataset(type, rows);
    expect(dataset.validation_status).toBe("failed");
    expect(dataset.validation_error).toEqual(expect.stringContaining(fragment));
    expect(dataset.metrics).toBeUndefined();
  }

  test("validation is asynchronous: queued, then processing, then validated with dataset metrics", async () => {
    const created = await emulator.upload(
      { name: "chat", type: "chat-finetune-input" },
      { data: jsonl(chatRows(10)) },
    );
    expect(created.status).toBe(200);
    const path = `/v1/datasets/${created.body.id as string}`;
    expect((await emulator.send("GET", path)).body.dataset).toMatchObject({ validation_status: "queued" });
    await emulator.admin.advanceClock(30_000);
    expect((await emulator.send("GET", path)).body.dataset).toMatchObject({
      validation_status: "processing",
    });
    await emulator.admin.advanceClock(30_000);
    const { dataset } = (await emulator.send("GET", path)).body as { dataset: Record<string, unknown> };
    expect(dataset).toMatchObject({
      name: "chat",
      dataset_type: "chat-finetune-input",
      validation_status: "validated",
      validation_warnings: [],
      dataset_parts: [{ name: "data.jsonl", index: 0, num_rows: 10, size_bytes: jsonl(chatRows(10)).length }],
      metrics: { finetune_dataset_metrics: { total_examples: 10, train_examples: 8, eval_examples: 2 } },
    });
    expect(dataset.created_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z$/);
  });

  test("an eval_data file is used as is instead of an 80/20 split", async () => {
    const dataset = await emulator.dataset("chat-finetune-input", chatRows(4), chatRows(3));
    expect(dataset.metrics).toMatchObject({
      finetune_dataset_metrics: { total_examples: 7, train_examples: 4, eval_examples: 3 },
    });
    expect((dataset.dataset_parts as unknown[]).length).toBe(2);
  });

  test("chat rules: roles System/User/Chatbot, System only first, a User and a Chatbot turn, at least 2 examples", async () => {
    const valid = chatRows(2);
    expect((await emulator.dataset("chat-finetune-input", valid)).validation_status).toBe("validated");
    await expectFailed(
      "chat-finetune-input",
      chatRows(1),
      "not enough valid conversations: at least 2 required, found 1",
    );
    const assistant = {
      messages: [
        { role: "User", content: "hi" },
        { role: "Assistant", content: "hello" },
      ],
    };
    await expectFailed(
      "chat-finetune-input",
      [...valid, assistant],
      'data row 3: messages[1].role must be one of System, User, Chatbot, got "Assistant"',
    );
    const lateSystem = {
      messages: [
        { role: "User", content: "hi" },
        { role: "System", content: "x" },
        { role: "Chatbot", content: "y" },
      ],
    };
    await expectFailed("chat-finetune-input", [...valid, lateSystem], "a System message may only come first");
    const noChatbot = { messages: [{ role: "User", content: "hi" }] };
    await expectFailed(
      "chat-finetune-input",
      [...valid, noChatbot],
      "at least one User and one Chatbot message",
    );
    await expectFailed(
      "chat-finetune-input",
      [...valid, { prompt: "x" }],
      "messages must be a non-empty array",
    );
  });

  test("malformed lines fail validation, unless skip_malformed_input drops them with a warning", async () => {
    const data = `${jsonl(chatRows(3))}{not json\n`;
    const strict = await emulator.upload({ name: "strict", type: "chat-finetune-input" }, { data });
    const lenient = await emulator.upload(
      { name: "lenient", type: "chat-finetune-input", skip_malformed_input: "true" },
      { data },
    );
    await emulator.admin.advanceClock(60_000);
    const strictView = (await emulator.send("GET", `/v1/datasets/${strict.body.id as string}`)).body.dataset;
    expect(strictView).toMatchObject({
      validation_status: "failed",
      validation_error: "data row 4: is not valid JSON",
    });
    const lenientView = (await emulator.send("GET", `/v1/datasets/${lenient.body.id as string}`)).body
      .dataset;
    expect(lenientView).toMatchObject({
      validation_status: "validated",
      validation_warnings: ["data row 4 skipped: is not valid JSON"],
    });
  });

  test("boolean query parameters are exactly true or false; any other spelling is a 400 naming it", async () => {
    const upload = (query: Record<string, string>) =>
      emulator.upload({ name: "flags", type: "chat-finetune-input", ...query }, { data: jsonl(chatRows(2)) });
    for (const parameter of ["skip_malformed_input", "keep_original_file"]) {
      for (const value of ["True", "1", "banana", "FALSE", "0"]) {
        const response = await upload({ [parameter]: value });
        expect({ parameter, value, ...response }).toMatchObject({
          status: 400,
          body: { message: `invalid request: ${parameter} must be true or false, got "${value}"` },
        });
      }
      for (const value of ["true", "false"]) {
        expect({ parameter, value, status: (await upload({ [parameter]: value })).status }).toEqual({
          parameter,
          value,
          status: 200,
        });
      }
    }
    expect((await emulator.send("GET", "/v1/datasets")).body.datasets).toHaveLength(4);
  });

  test("a row longer than 8 MiB is malformed rather than held in memory; CRLF line ends are accepted", async () => {
    const long = JSON.stringify({
      messages: [
        { role: "User", content: "x".repeat(8 * 1024 * 1024) },
        { role: "Chatbot", content: "y" },
      ],
    });
    const data = `${jsonl(chatRows(3)).replace(/\n/g, "\r\n")}${long}\n`;
    const strict = await emulator.upload({ name: "long", type: "chat-finetune-input" }, { data });
    const lenient = await emulator.upload(
      { name: "long-skipped", type: "chat-finetune-input", skip_malformed_input: "true" },
      { data },
    );
    await emulator.admin.advanceClock(60_000);
    const view = async (id: unknown) =>
      (await emulator.send("GET", `/v1/datasets/${id as string}`)).body.dataset;
    expect(await view(strict.body.id)).toMatchObject({
      validation_status: "failed",
      validation_error: "data row 4: is longer than 8388608 bytes",
    });
    expect(await view(lenient.body.id)).toMatchObject({
      validation_status: "validated",
      validation_warnings: ["data row 4 skipped: is longer than 8388608 bytes"],
      dataset_parts: [{ num_rows: 3 }],
    });
  });

  test("single-label classification: text and label, at least 40 examples and 5 per label", async () => {
    expect(
      (await emulator.dataset("single-label-classification-finetune-input", classificationRows(5, LABELS)))
        .validation_status,
    ).toBe("validated");
    await expectFailed(
      "single-label-classification-finetune-input",
      classificationRows(5, LABELS).slice(1),
      "at least 40 required, found 39",
    );
    const scarce = [...classificationRows(6, LABELS.slice(0, 7)), ...classificationRows(4, ["rare"])];
    await expectFailed(
      "single-label-classification-finetune-input",
      scarce,
      "each unique label must have at least 5 examples. Not enough examples for: rare",
    );
    await expectFailed(
      "single-label-classification-finetune-input",
      [{ text: "x", label: ["a"] }],
      "label must be a non-empty string",
    );
  });

  test("multi-label classification: labels are arrays", async () => {
    expect(
      (await emulator.dataset("multi-label-classification-finetune-input", multiLabelRows(40, LABELS)))
        .validation_status,
    ).toBe("validated");
    await expectFailed(
      "multi-label-classification-finetune-input",
      classificationRows(5, LABELS),
      "label must be an array of strings (multi-label)",
    );
  });

  test("rerank: query, relevant_passages, hard_negatives, and 256 examples", async () => {
    const dataset = await emulator.dataset("reranker-finetune-input", rerankRows(256));
    expect(dataset.validation_status).toBe("validated");
    await expectFailed("reranker-finetune-input", rerankRows(255), "at least 256 required, found 255");
    await expectFailed(
      "reranker-finetune-input",
      [{ query: "q", relevant_passages: [] }],
      "relevant_passages must be a non-empty array of strings",
    );
    await expectFailed(
      "reranker-finetune-input",
      [{ query: "q", relevant_passages: ["p"], hard_negatives: "n" }],
      "hard_negatives must be an array of strings",
    );
  });

  test("create rejects a missing or too long name, a missing or unknown type and a missing file", async () => {
    const data = { data: jsonl(chatRows(2)) };
    const cases: [Record<string, string>, Record<string, string>, string][] = [
      [{ type: "chat-finetune-input" }, data, "invalid request: name is required"],
      [
        { name: "x".repeat(50), type: "chat-finetune-input" },
        data,
        "invalid request: name must be less than 50 characters",
      ],
      [{ name: "n" }, data, "invalid request: type is required"],
      [{ name: "n", type: "chat" }, data, "invalid request: type must be one of embed-input"],
      [
        { name: "n", type: "chat-finetune-input" },
        { eval_data: "{}" },
        "invalid request: data file is required",
      ],
    ];
    for (const [query, files, message] of cases) {
      const response = await emulator.upload(query, files);
      expect(response.status).toBe(400);
      expect(response.body.message).toEqual(expect.stringContaining(message));
    }
    expect((await emulator.upload({ name: "x".repeat(49), type: "chat-finetune-input" }, data)).status).toBe(
      200,
    );
    const notMultipart = await emulator.send("POST", "/v1/datasets", {
      query: { name: "n", type: "chat-finetune-input" },
      body: {},
    });
    expect(notMultipart).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("multipart/form-data") },
    });
  });

  test("a malformed multipart body is a 400, not a crash", async () => {
    const send = (contentType: string, body: string) =>
      emulator.send("POST", "/v1/datasets", {
        query: { name: "n", type: "chat-finetune-input" },
        rawBody: body,
        headers: { "content-type": contentType },
      });
    const truncated = await send(
      "multipart/form-data; boundary=zzz",
      '--zzz\r\nContent-Disposition: form-data; name="data"; filename="a"\r\n\r\nabc',
    );
    expect(truncated).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("malformed multipart body") },
    });
    const noBoundary = await send("multipart/form-data", "garbage");
    expect(noBoundary.status).toBe(400);
    expect((await emulator.send("GET", "/v1/datasets")).status).toBe(200);
  });

  test("usage sums the bytes of every file; delete frees them; unknown ids are 404", async () => {
    expect((await emulator.send("GET", "/v1/datasets/usage")).body).toEqual({ organization_usage: 0 });
    const first = await emulator.upload(
      { name: "one", type: "chat-finetune-input" },
      { data: "a".repeat(100), eval_data: "b".repeat(20) },
    );
    await emulator.upload({ name: "two", type: "embed-input" }, { data: "c".repeat(30) });
    expect((await emulator.send("GET", "/v1/datasets/usage")).body).toEqual({ organization_usage: 150 });
    expect((await emulator.send("DELETE", `/v1/datasets/${first.body.id as string}`)).body).toEqual({});
    expect((await emulator.send("GET", "/v1/datasets/usage")).body).toEqual({ organization_usage: 30 });
    const missing = await emulator.send("DELETE", "/v1/datasets/nope");
    expect(missing).toMatchObject({ status: 404, body: { message: "dataset with id nope not found" } });
  });

  test("list filters by datasetType, validationStatus, before/after and pages with limit/offset", async () => {
    await emulator.dataset("chat-finetune-input", chatRows(2));
    await emulator.dataset("chat-finetune-input", chatRows(1));
    await emulator.dataset("reranker-finetune-input", rerankRows(256));
    const list = async (query: Record<string, string>) =>
      ((await emulator.send("GET", "/v1/datasets", { query })).body.datasets as {
        dataset_type: string;
        validation_status: string;
      }[]) ?? [];
    expect(await list({})).toHaveLength(3);
    expect(await list({ datasetType: "chat-finetune-input" })).toHaveLength(2);
    expect(await list({ validationStatus: "failed" })).toHaveLength(1);
    expect(await list({ limit: "1", offset: "2" })).toEqual([
      expect.objectContaining({ dataset_type: "reranker-finetune-input" }),
    ]);
    expect(await list({ before: "2000-01-01T00:00:00Z" })).toHaveLength(0);
    expect(await list({ after: "2000-01-01T00:00:00Z" })).toHaveLength(3);
    const badDate = await emulator.send("GET", "/v1/datasets", { query: { before: "yesterday" } });
    expect(badDate).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("before must be an RFC 3339 date-time") },
    });
    const badStatus = await emulator.send("GET", "/v1/datasets", { query: { validationStatus: "done" } });
    expect(badStatus.status).toBe(400);
  });
});
