import {
  ApiConnectionError,
  ApiConnectionTimeoutError,
  CohereApiError,
  CohereClient,
  HttpClientOptions,
  InternalServerError,
  RateLimitError,
  RetryEvent,
} from "../../../provider/cohere";
import {
  closedPort,
  hang,
  json,
  resetAfterReading,
  ScriptedServer,
  startScriptedServer,
} from "./scriptedServer";

const MODEL = { name: "m", settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: "d" } };
const CREATED = { finetuned_model: { ...MODEL, id: "ft-1", status: "STATUS_QUEUED" } };
const ok = json(200, CREATED);

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(
  handlers: Parameters<typeof startScriptedServer>[0],
  options: Partial<HttpClientOptions> = {},
) {
  server = await startScriptedServer(handlers);
  return new CohereClient({
    apiKey: "k",
    baseUrl: server.url,
    retryBaseDelayMs: 1,
    timeoutMs: 5000,
    ...options,
  });
}

function caught(promise: Promise<unknown>): Promise<CohereApiError> {
  return promise.then(
    () => {
      throw new Error("expected a failure");
    },
    (error: unknown) => {
      expect(error).toBeInstanceOf(CohereApiError);
      return error as CohereApiError;
    },
  );
}

function gaps(): number[] {
  const times = server!.requests.map((r) => r.at);
  return times.slice(1).map((t, i) => t - times[i]);
}

describe("idempotent requests", () => {
  test.each([500, 502, 503, 408, 429])("are retried after %i", async (status) => {
    const client = await clientFor([json(status, { message: "x" }), ok]);
    await expect(client.finetunedModels.get("ft-1")).resolves.toMatchObject({ id: "ft-1" });
    expect(server!.requests).toHaveLength(2);
  });

  test("are retried at most maxRetries times", async () => {
    const client = await clientFor([json(503, { message: "unavailable" })], { maxRetries: 3 });
    const error = await caught(client.finetunedModels.get("ft-1"));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, attempts: 4, ambiguous: false });
    expect(server!.requests).toHaveLength(4);
  });

  test("default to two retries", async () => {
    const client = await clientFor([json(500, { message: "boom" })], { maxRetries: undefined });
    await caught(client.finetunedModels.get("ft-1"));
    expect(server!.requests).toHaveLength(3);
  });

  test.each([400, 401, 403, 404, 422])("are not retried after %i", async (status) => {
    const client = await clientFor([json(status, { message: "no" }), ok]);
    await caught(client.finetunedModels.get("ft-1"));
    expect(server!.requests).toHaveLength(1);
  });

  test("are retried after the connection drops", async () => {
    const client = await clientFor([resetAfterReading(), ok]);
    await expect(client.finetunedModels.get("ft-1")).resolves.toMatchObject({ id: "ft-1" });
    expect(server!.requests).toHaveLength(2);
  });

  test("time out per attempt and are retried", async () => {
    const client = await clientFor([hang(), ok], { timeoutMs: 200 });
    await expect(client.finetunedModels.get("ft-1")).resolves.toMatchObject({ id: "ft-1" });
    expect(server!.requests).toHaveLength(2);
  });

  test("PATCH and DELETE count as idempotent", async () => {
    const client = await clientFor([json(500, {}), ok, json(503, {}), json(200, {})]);
    await client.finetunedModels.update("ft-1", MODEL);
    await client.finetunedModels.delete("ft-1");
    expect(server!.requests.map((r) => r.method)).toEqual(["PATCH", "PATCH", "DELETE", "DELETE"]);
  });
});

describe("timeouts", () => {
  test("raise ApiConnectionTimeoutError once retries are used up", async () => {
    const client = await clientFor([hang()], { timeoutMs: 150, maxRetries: 1 });
    const error = await caught(client.finetunedModels.get("ft-1"));
    expect(error).toBeInstanceOf(ApiConnectionTimeoutError);
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error.message).toContain("150 ms");
    expect(error).toMatchObject({ status: undefined, attempts: 2, ambiguous: false });
    expect(server!.requests).toHaveLength(2);
  });
});

describe("non-idempotent requests (POST create)", () => {
  test.each([500, 503])("are not retried after %i and are flagged ambiguous", async (status) => {
    const client = await clientFor([json(status, { message: "oops" }), ok]);
    const error = await caught(client.finetunedModels.create(MODEL));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status, ambiguous: true, attempts: 1 });
    expect(error.message).toMatch(/may or may not have been processed/);
    expect(server!.requests).toHaveLength(1);
  });

  test("are not retried when the connection drops after sending, and are flagged ambiguous", async () => {
    const client = await clientFor([resetAfterReading(), ok]);
    const error = await caught(client.finetunedModels.create(MODEL));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).toMatchObject({ ambiguous: true, code: "ECONNRESET" });
    expect(server!.requests).toHaveLength(1);
    expect(JSON.parse(server!.requests[0].body.toString())).toEqual(MODEL);
  });

  test("are not retried after a timeout, and are flagged ambiguous", async () => {
    const client = await clientFor([hang(), ok], { timeoutMs: 150 });
    const error = await caught(client.finetunedModels.create(MODEL));
    expect(error).toBeInstanceOf(ApiConnectionTimeoutError);
    expect(error.ambiguous).toBe(true);
    expect(server!.requests).toHaveLength(1);
  });

  test.each([429, 408])("are retried after %i, which means the request was not processed", async (status) => {
    const client = await clientFor([json(status, { message: "slow down" }), ok]);
    await expect(client.finetunedModels.create(MODEL)).resolves.toMatchObject({ id: "ft-1" });
    expect(server!.requests).toHaveLength(2);
  });

  test("that keep getting 429 fail with RateLimitError, not ambiguous", async () => {
    const client = await clientFor([json(429, { message: "rate limit exceeded" })]);
    const error = await caught(client.finetunedModels.create(MODEL));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ ambiguous: false, attempts: 3 });
  });

  test("are retried when the connection is refused, because nothing was sent", async () => {
    const port = await closedPort();
    const events: RetryEvent[] = [];
    const client = new CohereClient({
      apiKey: "k",
      baseUrl: `http://127.0.0.1:${port}`,
      maxRetries: 5,
      retryBaseDelayMs: 50,
      onRetry: (event) => {
        events.push(event);
        if (events.length === 1) void startScriptedServer([ok], port).then((s) => (server = s));
      },
    });
    await expect(client.finetunedModels.create(MODEL)).resolves.toMatchObject({ id: "ft-1" });
    expect(events[0]).toMatchObject({ method: "POST", attempt: 1, code: "ECONNREFUSED" });
    expect(server!.requests).toHaveLength(1);
  });

  test("that are refused every time fail with ApiConnectionError, not ambiguous", async () => {
    const port = await closedPort();
    const client = new CohereClient({
      apiKey: "k",
      baseUrl: `http://127.0.0.1:${port}`,
      retryBaseDelayMs: 1,
    });
    const error = await caught(client.finetunedModels.create(MODEL));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error).toMatchObject({ code: "ECONNREFUSED", ambiguous: false, attempts: 3 });
  });

  test("dataset uploads are treated the same way", async () => {
    const client = await clientFor([json(500, {}), json(200, { id: "ds-1" })]);
    const error = await caught(
      client.datasets.create({
        name: "n",
        type: "chat-finetune-input",
        data: new Blob(["{}"]),
        dataFileName: "a.jsonl",
      }),
    );
    expect(error.ambiguous).toBe(true);
    expect(server!.requests).toHaveLength(1);
  });
});

describe("delays", () => {
  test("Retry-After in seconds is honoured before the backoff", async () => {
    const client = await clientFor([json(429, {}, { "retry-after": "1" }), ok], { retryBaseDelayMs: 1 });
    await client.finetunedModels.get("ft-1");
    expect(gaps()[0]).toBeGreaterThanOrEqual(900);
  });

  test("Retry-After as an HTTP date is honoured", async () => {
    const client = await clientFor(
      [
        (req, res) => json(503, {}, { "retry-after": new Date(Date.now() + 2000).toUTCString() })(req, res),
        ok,
      ],
      { retryBaseDelayMs: 1 },
    );
    await client.finetunedModels.get("ft-1");
    // HTTP dates have whole seconds, so the wait is between 1 and 2 s.
    expect(gaps()[0]).toBeGreaterThanOrEqual(900);
  });

  test("X-RateLimit-Reset is honoured when there is no Retry-After", async () => {
    const client = await clientFor([json(429, {}, { "x-ratelimit-reset": "1" }), ok], {
      retryBaseDelayMs: 1,
    });
    await client.finetunedModels.get("ft-1");
    expect(gaps()[0]).toBeGreaterThanOrEqual(900);
  });

  test("back off exponentially from the base delay", async () => {
    const events: RetryEvent[] = [];
    const client = await clientFor([json(500, {})], {
      retryBaseDelayMs: 100,
      maxRetries: 3,
      onRetry: (event) => events.push(event),
    });
    await caught(client.finetunedModels.get("ft-1"));
    expect(events.map((e) => e.attempt)).toEqual([1, 2, 3]);
    events.forEach((event, i) => {
      expect(event.delayMs).toBeGreaterThanOrEqual(100 * 2 ** i * 0.9);
      expect(event.delayMs).toBeLessThanOrEqual(100 * 2 ** i * 1.1);
    });
    gaps().forEach((gap, i) => expect(gap).toBeGreaterThanOrEqual(100 * 2 ** i * 0.85));
  });
});
