import { seededRandom } from "./prng";
import type { RequestFault } from "./requestLog";

export interface FaultConfig {
  rate_429: number;
  rate_500: number;
  rate_503: number;
  drop_rate: number;
  drop_after_processing_rate: number;
  /** Processed (a create really happens), then answered 502, as a gateway that timed out would. */
  processed_then_502_rate: number;
  latency_ms: number;
  retry_after_seconds: number;
  /** Models created while this is non-zero stay invisible to reads for this long (emulator clock). */
  visibility_delay_ms: number;
  fail_training: string[];
  /** HTTP methods whose requests are faulted; empty means all (a test can fault only its creates). */
  methods: string[];
  seed: number;
}

export type InjectedStatus = 429 | 500 | 503;

export type FaultDecision =
  | { kind: Exclude<RequestFault, "status">; latencyMs: number }
  | { kind: "status"; latencyMs: number; status: InjectedStatus; retryAfterSeconds: number };

/** The rates, in the order each faultable request draws its numbers from the PRNG. */
export const RATE_FIELDS = [
  "drop_rate",
  "rate_429",
  "rate_500",
  "rate_503",
  "drop_after_processing_rate",
  "processed_then_502_rate",
] as const;
export const DEFAULT_SEED = 1;

export const FAULT_MESSAGES: Record<InjectedStatus | 502, string> = {
  429: "rate limit exceeded",
  500: "internal server error",
  502: "bad gateway",
  503: "service unavailable",
};

export function defaultFaultConfig(): FaultConfig {
  return {
    rate_429: 0,
    rate_500: 0,
    rate_503: 0,
    drop_rate: 0,
    drop_after_processing_rate: 0,
    processed_then_502_rate: 0,
    latency_ms: 0,
    retry_after_seconds: 1,
    visibility_delay_ms: 0,
    fail_training: [],
    methods: [],
    seed: DEFAULT_SEED,
  };
}

/**
 * Draws the same number of values for every faultable request, in the order of RATE_FIELDS, so a
 * given seed and request sequence always produce the same faults whatever the rates are. The
 * first draw under its rate wins.
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
    const [drop, r429, r500, r503, dropAfter, then502] = RATE_FIELDS.map(() => this.random());
    const latencyMs = c.latency_ms;
    const status = (code: InjectedStatus): FaultDecision => ({
      kind: "status",
      latencyMs,
      status: code,
      retryAfterSeconds: c.retry_after_seconds,
    });
    if (drop < c.drop_rate) return { kind: "dropped", latencyMs };
    if (r429 < c.rate_429) return status(429);
    if (r500 < c.rate_500) return status(500);
    if (r503 < c.rate_503) return status(503);
    if (dropAfter < c.drop_after_processing_rate) return { kind: "dropped_after_processing", latencyMs };
    if (then502 < c.processed_then_502_rate) return { kind: "processed_then_502", latencyMs };
    return { kind: "none", latencyMs };
  }
}
