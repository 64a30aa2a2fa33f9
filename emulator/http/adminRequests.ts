import { ApiError } from "../backend/errors";
import type { SeedModelsInput } from "../backend/seededModels";
import { DEFAULT_SEED, defaultFaultConfig, RATE_FIELDS, type FaultConfig } from "../faults";
import { STATUSES, isOneOf, type Status } from "../wire/enums";

type Body = Record<string, unknown>;

const MAX_VISIBILITY_DELAY_MS = 24 * 60 * 60 * 1000;

function asBody(body: unknown, what: string): Body {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, `${what} must be a JSON object`);
  }
  return body as Body;
}

/** A PUT /_emulator/faults body; omitted fields take their defaults (the config is replaced). */
export function parseFaultConfig(body: unknown): FaultConfig {
  const input = asBody(body, "fault config");
  const config = defaultFaultConfig();
  const known = new Set<string>(Object.keys(config));
  for (const key of Object.keys(input)) {
    if (!known.has(key)) throw new ApiError(400, `unknown fault field ${JSON.stringify(key)}`);
  }
  for (const field of RATE_FIELDS) config[field] = numberField(input, field, 0, 1) ?? 0;
  config.latency_ms = numberField(input, "latency_ms", 0, 600_000) ?? 0;
  config.retry_after_seconds = numberField(input, "retry_after_seconds", 0, 3600) ?? 1;
  config.visibility_delay_ms = numberField(input, "visibility_delay_ms", 0, MAX_VISIBILITY_DELAY_MS) ?? 0;
  config.seed = numberField(input, "seed", 0, Number.MAX_SAFE_INTEGER) ?? DEFAULT_SEED;
  config.fail_training = stringList(input, "fail_training", "an array of model names");
  config.methods = stringList(input, "methods", "an array of HTTP methods").map((method) =>
    method.toUpperCase(),
  );
  return config;
}

/** A PATCH /_emulator/finetuned-models/:id body. */
export function parseForcedStatus(body: unknown): Status {
  const status = (body as Body | undefined)?.status;
  if (!isOneOf(STATUSES, status)) throw new ApiError(400, `status must be one of ${STATUSES.join(", ")}`);
  return status;
}

/** The body of POST /_emulator/seed-models. */
export interface SeedModelsBody {
  count: number;
  /** The dataset the models name; none means a placeholder id, like a dataset that has expired. */
  dataset_id?: string;
  /** Names are `<name_prefix>-<index>`; default `seeded`. */
  name_prefix?: string;
  /** The oldest model was created this long ago, the newest `newest_age_ms` ago. */
  oldest_age_ms: number;
  newest_age_ms: number;
}

const MAX_SEEDED_MODELS = 100_000;
const MAX_SEED_AGE_MS = 10 * 365 * 24 * 60 * 60 * 1000;

export function parseSeedModels(body: unknown): SeedModelsInput {
  const input = asBody(body, "seed request");
  const count = numberField(input, "count", 1, MAX_SEEDED_MODELS);
  if (count === undefined || !Number.isInteger(count)) {
    throw new ApiError(400, `count must be an integer between 1 and ${MAX_SEEDED_MODELS}`);
  }
  const oldestAgeMs = numberField(input, "oldest_age_ms", 0, MAX_SEED_AGE_MS);
  const newestAgeMs = numberField(input, "newest_age_ms", 0, MAX_SEED_AGE_MS);
  if (oldestAgeMs === undefined || newestAgeMs === undefined || newestAgeMs > oldestAgeMs) {
    throw new ApiError(
      400,
      "oldest_age_ms and newest_age_ms are required, with oldest_age_ms >= newest_age_ms",
    );
  }
  return {
    count,
    datasetId: optionalText(input, "dataset_id"),
    namePrefix: optionalText(input, "name_prefix") ?? "seeded",
    oldestAgeMs,
    newestAgeMs,
  };
}

function optionalText(input: Body, field: string): string | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "string" || value === "")
    throw new ApiError(400, `${field} must be a non-empty string`);
  return value;
}

/** A POST /_emulator/clock body. */
export function parseClockAdvance(body: unknown): number {
  const advance = (body as Body | undefined)?.advance_ms;
  if (typeof advance !== "number" || !Number.isFinite(advance) || advance < 0) {
    throw new ApiError(400, "advance_ms must be a non-negative number");
  }
  return advance;
}

function stringList(input: Body, field: string, what: string): string[] {
  const value = input[field] ?? [];
  if (!Array.isArray(value) || !value.every((item) => typeof item === "string")) {
    throw new ApiError(400, `${field} must be ${what}`);
  }
  return value;
}

function numberField(input: Body, field: string, min: number, max: number): number | undefined {
  const value = input[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== "number" || !Number.isFinite(value) || value < min || value > max) {
    throw new ApiError(400, `${field} must be a number between ${min} and ${max}`);
  }
  return value;
}
