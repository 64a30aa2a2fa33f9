import { seededRandom } from "./prng";

export interface FaultConfig {
  rate_429: number;
  rate_500: number;
  rate_503: number;
  drop_rate: number;
  drop_after_processing_rate: number;
  latency_ms: number;
  retry_after_seconds: number;
  fail_training: string[];
  /** HTTP methods whose requests are faulted; empty means all. An extension beyond the contract. */
  methods: string[];
  seed: number;
}

export type FaultDecision =
  | { kind: "none"; latencyMs: number }
  | { kind: "drop"; latencyMs: number }
  | { kind: "drop_after_processing"; latencyMs: number }
  | { kind: "status"; latencyMs: number; status: 429 | 500 | 503; retryAfterSeconds: number };

export const RATE_FIELDS = [
  "drop_rate",
  "rate_429",
  "rate_500",
  "rate_503",
  "drop_after_processing_rate",
] as const;
export const DEFAULT_SEED = 1;

export const FAULT_MESSAGES: Record<429 | 500 | 503, string> = {
  429: "rate limit exceeded",
  500: "internal server error",
  503: "service unavailable",
};

export function defaultFaultConfig(): FaultConfig {
  return {
    rate_429: 0,
    rate_500: 0,
    rate_503: 0,
    drop_rate: 0,
    drop_after_processing_rate: 0,
    latency_ms: 0,
    retry_after_seconds: 1,
    fail_training: [],
    methods: [],
    seed: DEFAULT_SEED,
  };
}

/**
 * Draws the same number of values for every faultable request, in a fixed order, so a given seed
 * and request sequence always produce the same faults whatever the rates are.
 */
export class FaultInjector {
  private current = defaultFaultConfig();
  private random = seededRandom(DEFAULT_SEED);

  get config(): FaultConfig {
    return this.current;
  }

  configure(config: FaultConfig): void {
    this.current = config;
    this.random = seededRandom(config.seed);
  }

  reset(): void {
    this.configure(defaultFaultConfig());
  }

  failsTraining(modelName: string): boolean {
    return this.current.fail_training.includes(modelName);
  }

  /** Requests of other methods than `methods` lists are left alone and draw nothing. */
  decide(method: string): FaultDecision {
    const c = this.current;
    if (c.methods.length > 0 && !c.methods.includes(method)) return { kind: "none", latencyMs: 0 };
    const [drop, r429, r500, r503, dropAfter] = RATE_FIELDS.map(() => this.random());
    const latencyMs = c.latency_ms;
    const status = (code: 429 | 500 | 503): FaultDecision => ({
      kind: "status",
      latencyMs,
      status: code,
      retryAfterSeconds: c.retry_after_seconds,
    });
    if (drop < c.drop_rate) return { kind: "drop", latencyMs };
    if (r429 < c.rate_429) return status(429);
    if (r500 < c.rate_500) return status(500);
    if (r503 < c.rate_503) return status(503);
    if (dropAfter < c.drop_after_processing_rate) return { kind: "drop_after_processing", latencyMs };
    return { kind: "none", latencyMs };
  }
}
