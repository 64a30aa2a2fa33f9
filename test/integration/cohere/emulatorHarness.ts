import { startEmulator } from "../../../emulator";
import { CohereClient, CohereClientOptions, RetryEvent } from "../../../provider/cohere";
import { EmulatorAdmin, Faults, LoggedRequest } from "../../support/emulatorAdmin";

export const API_KEY = "integration-key";

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
  const url = () => emulator!.url;
  const admin = () => new EmulatorAdmin(url());
  beforeEach(() => admin().reset());

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
    faults: (config: Faults) => admin().setFaults(config),
    requests: (): Promise<LoggedRequest[]> => admin().requests(),
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
