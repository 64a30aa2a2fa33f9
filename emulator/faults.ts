import { ApiError } from "./backend/errors";
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

const RATE_FIELDS = ["drop_rate", "rate_429", "rate_500", "rate_503", "drop_after_processing_rate"] as const;
const DEFAULT_SEED = 1;

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

/** Parses a PUT /_emulator/faults body; omitted fields take their defaults (the config is replaced). */
export function parseFaultConfig(body: unknown): FaultConfig {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, "fault config must be a JSON object");
  }
  const input = body as Record<string, unknown>;
  const config = defaultFaultConfig();
  const known = new Set<string>(Object.keys(config));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new ApiError(400, `unknown fault field ${JSON.stringify(key)}`);
  }
  for (const field of RATE_FIELDS) config[field] = numberField(input, field, 0, 1) ?? 0;
  config.latency_ms = numberField(input, "latency_ms", 0, 600_000) ?? 0;
  config.retry_after_seconds = numberField(input, "retry_after_seconds", 0, 3600) ?? 1;
  config.seed = numberField(input, "seed", 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_SEED;
  config.fail_training = stringList(input, "fail_training", "an array of model names");
  config.methods = stringList(input, "methods", "an array of HTTP methods").map((method) =>
    method.toUpperCase(),
  );
  return config;
}

function stringList(input: Record<string, unknown>, field: string, what: string): string[] {
  const value = input[field] ?? [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ApiError(400, `${field} must be ${what}`);
  }
  return value;
}

function numberField(
  input: Record<string, unknown>,
  field: string,
  min: number,
  max: number,
): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new ApiError(400, `${field} must be a number between ${min} and ${max}`);
  }
  return value;
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
