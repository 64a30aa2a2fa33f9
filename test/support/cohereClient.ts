/** The provider's Cohere client as the integration tests use it against an emulator. */
import { CohereClient, type HttpClientOptions, type RetryEvent } from "../../provider/cohere";
import { testApiKey } from "./emulator";

/** A client with fast retries that records every retry it makes. */
export function recordingClient(baseUrl: string, overrides: Partial<HttpClientOptions> = {}) {
  const retries: RetryEvent[] = [];
  const client = new CohereClient({
    apiKey: testApiKey,
    baseUrl,
    retryBaseDelayMs: 5,
    timeoutMs: 10_000,
    onRetry: (event) => retries.push(event),
    ...overrides,
  });
  return Object.assign(client, { retries });
}
