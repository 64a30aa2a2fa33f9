import { startEmulator } from "../../../emulator";
import { CohereClient, CohereClientOptions, RetryEvent } from "../../../provider/cohere";

export const API_KEY = "integration-key";

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
}

export interface FaultConfig {
  rate_429?: number;
  rate_500?: number;
  rate_503?: number;
  drop_rate?: number;
  drop_after_processing_rate?: number;
  latency_ms?: number;
  retry_after_seconds?: number;
  fail_training?: string[];
  seed?: number;
}

/** One emulator per test file, reset before each test; its admin API is called with plain fetch. */
export function useEmulator(options: { trainingMs?: number; validationMs?: number } = {}) {
  let emulator: Awaited<ReturnType<typeof startEmulator>> | undefined;
  beforeAll(async () => {
    emulator = await startEmulator({
      port: 0,
      apiKey: API_KEY,
      trainingMs: 300,
      validationMs: 50,
      ...options,
    });
  });
  afterAll(() => emulator?.close());
  beforeEach(() => admin("POST", "/_emulator/reset"));

  const url = () => emulator!.url;

  async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
    const res = await fetch(url() + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator admin ${method} ${path}: ${res.status} ${await res.text()}`);
    return res.json();
  }

  return {
    url,
    /** A client with fast retries that records every retry it makes. */
    client(overrides: Partial<CohereClientOptions> = {}) {
      const retries: RetryEvent[] = [];
      const client = new CohereClient({
        apiKey: API_KEY,
        baseUrl: url(),
        retryBaseDelayMs: 5,
        timeoutMs: 10_000,
        onRetry: (event) => retries.push(event),
        ...overrides,
      });
      return Object.assign(client, { retries });
    },
    faults: (config: FaultConfig) => admin("PUT", "/_emulator/faults", config),
    async requests(): Promise<LoggedRequest[]> {
      return ((await admin("GET", "/_emulator/requests")) as { requests: LoggedRequest[] }).requests;
    },
  };
}

/** Polls until `read` returns something `done` accepts. */
export async function waitFor<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  timeoutMs = 15_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (done(value)) return value;
    if (Date.now() > deadline)
      throw new Error(`still not done after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const conversation = (question: string, answer: string) =>
  JSON.stringify({
    messages: [
      { role: "User", content: question },
      { role: "Chatbot", content: answer },
    ],
  });

export const CHAT_TRAIN = Buffer.from(
  [1, 2, 3, 4, 5].map((n) => conversation(`What is ${n} + ${n}?`, String(n + n))).join("\n") + "\n",
);
export const CHAT_EVAL = Buffer.from(conversation("What is 10 + 10?", "20") + "\n");
