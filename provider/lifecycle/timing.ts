/**
 * Every timing knob of the provider process, read once per host from its environment: each has one meaning and
 * one default, suited to Cohere itself. Tests, benchmarks and demos shorten them.
 */
export interface ProviderTiming {
  /** COHERE_POLL_INITIAL_MS: the first pause of a wait, and the shortest. */
  pollInitialMs: number;
  /**
   * COHERE_POLL_MAX_MS: the longest pause of a wait while nothing is due soon (a training queued, or before its
   * pace is known). Every other cap of a wait is this or lower, but for a training's sleep towards its predicted
   * end, which may last twice as long; a dataset's validation, or a training of unknown size, also pauses at most
   * a minute.
   */
  pollMaxMs: number;
  /** COHERE_POLL_DEPLOYING_MS: the pause while a trained model is deployed, the short last step. */
  pollDeployingMs: number;
  /** COHERE_MAX_RETRIES: how often an HTTP request that failed transiently (429, 5xx, a reset) is sent again. */
  maxRetries: number;
  /** COHERE_RETRY_BASE_MS: the first pause before an HTTP retry; it doubles, unless Cohere says `Retry-After`. */
  retryBaseMs: number;
  /** COHERE_CREATE_VISIBILITY_MS: how long a create whose answer was lost gets to show up before it is resent. */
  createVisibilityMs: number;
  /**
   * COHERE_CREATE_LOOKUP_MS: the first pause between lookups for such a create, or for a model just created that
   * Cohere does not show yet; it doubles, up to 30 s.
   */
  createLookupMs: number;
}

export function timingFromEnv(env: NodeJS.ProcessEnv = process.env): ProviderTiming {
  const knob = (name: string, defaultValue: number) => Number(env[name]) || defaultValue;
  return {
    pollInitialMs: knob("COHERE_POLL_INITIAL_MS", 1000),
    pollMaxMs: knob("COHERE_POLL_MAX_MS", 600_000),
    pollDeployingMs: knob("COHERE_POLL_DEPLOYING_MS", 40_000),
    maxRetries: knob("COHERE_MAX_RETRIES", 5),
    retryBaseMs: knob("COHERE_RETRY_BASE_MS", 1000),
    createVisibilityMs: knob("COHERE_CREATE_VISIBILITY_MS", 180_000),
    createLookupMs: knob("COHERE_CREATE_LOOKUP_MS", 1000),
  };
}
