import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rfc3339 } from "../../emulator/backend/clock";
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

describe("last_used, which only the admin API sets (the emulator serves no inference)", () => {
  const TRAINING_MS = 60_000;
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: TRAINING_MS, validationMs: 100 });
  });
  afterEach(() => emulator.close());

  async function readyModel(name: string): Promise<{ id: string; completedAt: string; updatedAt: string }> {
    const { id } = (await emulator.chatModel(name)) as { id: string };
    // STATUS_READY since 10 s.
    await emulator.admin.advanceClock(TRAINING_MS + 10_000);
    const { finetuned_model } = (await emulator.send("GET", `${MODELS}/${id}`)).body as {
      finetuned_model: { status: string; completed_at: string; updated_at: string };
    };
    expect(finetuned_model.status).toBe("STATUS_READY");
    return { id, completedAt: finetuned_model.completed_at, updatedAt: finetuned_model.updated_at };
  }

  async function served(id: string): Promise<{ got: unknown; listed: unknown }> {
    const got = (await emulator.send("GET", `${MODELS}/${id}`)).body.finetuned_model as Record<
      string,
      unknown
    >;
    const list = (await emulator.send("GET", MODELS)).body.finetuned_models as Record<string, unknown>[];
    return { got: got.last_used, listed: list.find((model) => model.id === id)?.last_used };
  }

  test("absent until set; set at an instant or ago_ms before the emulator's now, GET and list serve it", async () => {
    const { id, updatedAt } = await readyModel("used");
    const fresh = (await emulator.send("GET", `${MODELS}/${id}`)).body.finetuned_model as object;
    expect(fresh).not.toHaveProperty("last_used");
    expect(await served(id)).toEqual({ got: undefined, listed: undefined });

    const at = new Date(Date.parse((await emulator.admin.clock()).now) - 1000);
    const marked = await emulator.admin.markUsed(id, at);
    expect(marked).toMatchObject({ id, status: "STATUS_READY", last_used: at.toISOString() });
    expect(marked.updated_at).toBe(updatedAt);
    expect(await served(id)).toEqual({ got: at.toISOString(), listed: at.toISOString() });

    await emulator.admin.advanceClock(7_200_000);
    const hourAgo = Date.parse((await emulator.admin.clock()).now) - 3_600_000;
    const relative = await emulator.send("PUT", `/_emulator/finetuned-models/${id}/last-used`, {
      body: { ago_ms: 3_600_000 },
      auth: false,
    });
    expect(relative.status).toBe(200);
    const relativeAt = Date.parse((relative.body.finetuned_model as { last_used: string }).last_used);
    // The emulator's now follows wall time, so it moved on a little between the two calls.
    expect(relativeAt - hourAgo).toBeGreaterThanOrEqual(0);
    expect(relativeAt - hourAgo).toBeLessThan(5_000);
    expect((await served(id)).got).toBe(rfc3339(relativeAt));

    // Any offset, lower-case separators and sub-millisecond digits: served in UTC with milliseconds.
    const utc = new Date(hourAgo + 0.5 * 3_600_000);
    const inZone = `${new Date(utc.getTime() + 2 * 3_600_000).toISOString().slice(0, 23)}987+02:00`;
    const zoned = await emulator.send("PUT", `/_emulator/finetuned-models/${id}/last-used`, {
      body: { last_used: inZone.replace("T", "t") },
      auth: false,
    });
    expect(zoned.body.finetuned_model).toMatchObject({ last_used: utc.toISOString() });
    expect(await served(id)).toEqual({ got: utc.toISOString(), listed: utc.toISOString() });
  });

  test("an unknown model is a 404, an id that is no UUID a 400", async () => {
    const unknown = "00000000-0000-4000-8000-000000000000";
    const missing = await emulator.send("PUT", `/_emulator/finetuned-models/${unknown}/last-used`, {
      body: { ago_ms: 0 },
      auth: false,
    });
    expect(missing).toMatchObject({ status: 404, body: { message: `finetuned model ${unknown} not found` } });
    await expect(emulator.admin.markUsed(unknown, { agoMs: 0 })).rejects.toThrow(/answered 404/);
    const malformed = await emulator.send("PUT", "/_emulator/finetuned-models/nope/last-used", {
      body: { ago_ms: 0 },
      auth: false,
    });
    expect(malformed.status).toBe(400);
  });

  test("a bad body is a 400 naming the field, and leaves last_used as it was", async () => {
    const { id, completedAt } = await readyModel("picky");
    await emulator.admin.markUsed(id, { agoMs: 0 });
    const [before] = Object.values(await served(id));
    const cases: [unknown, RegExp][] = [
      [undefined, /last-used request must be a JSON object/],
      [[], /last-used request must be a JSON object/],
      [{}, /exactly one of last_used .* and ago_ms/],
      [{ last_used: "2026-01-01T00:00:00Z", ago_ms: 0 }, /exactly one of last_used .* and ago_ms/],
      [{ ago_ms: 0, at: "now" }, /unknown last-used field "at"/],
      [{ ago_ms: -1 }, /ago_ms must be a non-negative integer, got -1/],
      [{ ago_ms: 1.5 }, /ago_ms must be a non-negative integer, got 1.5/],
      [{ ago_ms: "60000" }, /ago_ms must be a non-negative integer, got "60000"/],
      [{ last_used: 1767225600000 }, /last_used must be an RFC 3339 date-time/],
      [{ last_used: "yesterday" }, /last_used must be an RFC 3339 date-time .*, got "yesterday"/],
      [{ last_used: "2026-02-30T00:00:00Z" }, /last_used must be an RFC 3339 date-time/],
      [{ last_used: "2026-01-01T24:00:00Z" }, /last_used must be an RFC 3339 date-time/],
      [{ last_used: "2026-01-01T00:00:00" }, /last_used must be an RFC 3339 date-time/],
      [{ last_used: "2026-01-01 00:00:00Z" }, /last_used must be an RFC 3339 date-time/],
      [
        { last_used: "2100-01-01T00:00:00Z" },
        /last_used 2100-01-01T00:00:00.000Z is after the emulator's now/,
      ],
      [{ last_used: "2020-01-01T00:00:00Z" }, /last_used .* is before the model first became STATUS_READY/],
      [{ ago_ms: 10 * TRAINING_MS }, /ago_ms 600000 .* is before the model first became STATUS_READY/],
    ];
    for (const [body, message] of cases) {
      const answer = await emulator.send("PUT", `/_emulator/finetuned-models/${id}/last-used`, {
        body,
        auth: false,
      });
      expect({ body, status: answer.status }).toEqual({ body, status: 400 });
      expect(answer.body.message).toMatch(message);
    }
    const malformedJson = await emulator.send("PUT", `/_emulator/finetuned-models/${id}/last-used`, {
      rawBody: "{",
      headers: { "content-type": "application/json" },
      auth: false,
    });
    expect(malformedJson.status).toBe(400);
    expect(await served(id)).toEqual({ got: before, listed: before });
    // Exactly at the first STATUS_READY is allowed.
    expect(await emulator.admin.markUsed(id, new Date(completedAt))).toMatchObject({
      last_used: completedAt,
    });
  });

  test("a model that has never been STATUS_READY cannot have been used", async () => {
    const { id } = (await emulator.chatModel("training")) as { id: string };
    await expect(emulator.admin.markUsed(id, { agoMs: 0 })).rejects.toThrow(
      /answered 400: .*has never been STATUS_READY/,
    );
    await emulator.admin.forceStatus(id, "STATUS_READY");
    expect((await emulator.admin.markUsed(id, { agoMs: 0 })).last_used).toEqual(expect.any(String));
  });

  test("last_used survives a restart with a state file", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohere-emulator-last-used-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startTestEmulator({ trainingMs: TRAINING_MS, validationMs: 100, stateFile });
      const { id } = (await first.chatModel("durable")) as { id: string };
      await first.admin.advanceClock(TRAINING_MS);
      const { last_used } = await first.admin.markUsed(id, { agoMs: 0 });
      await first.close();

      const second = await startTestEmulator({ trainingMs: TRAINING_MS, validationMs: 100, stateFile });
      try {
        expect(await second.admin.models()).toEqual([expect.objectContaining({ id, last_used })]);
        const got = await second.send("GET", `${MODELS}/${id}`);
        expect(got.body.finetuned_model).toMatchObject({ last_used });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
