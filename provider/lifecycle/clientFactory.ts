/** Builds the Cohere client inside the provider process from configured or environment credentials. */
import { CohereClient } from "../cohere/client";
import { ConfiguredConnection, resolveConnection } from "./connection";

/** Retry tuning can be lowered through the environment (tests, benchmarks); the defaults suit Cohere itself. */
export function createCohereClient(
  configured: ConfiguredConnection,
  env: NodeJS.ProcessEnv = process.env,
): CohereClient {
  const connection = resolveConnection(configured, env);
  return new CohereClient({
    ...connection,
    maxRetries: Number(env.COHERE_MAX_RETRIES) || 5,
    retryBaseDelayMs: Number(env.COHERE_RETRY_BASE_MS) || 1000,
  });
}
