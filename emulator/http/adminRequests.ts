import { ApiError } from "../backend/errors";
import type { LastUsedInput } from "../backend/finetunedModels";
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

/** The body of PUT /_emulator/finetuned-models/:id/last-used: exactly one of the two fields. */
export type LastUsedBody =
  /** An RFC 3339 date-time. */
  | { last_used: string }
  /** Milliseconds before the emulator's now (its clock, offset included). */
  | { ago_ms: number };

const LAST_USED_FIELDS = ["last_used", "ago_ms"];

export function parseLastUsed(body: unknown): LastUsedInput {
  const input = asBody(body, "last-used request");
  for (const key of Object.keys(input)) {
    if (!LAST_USED_FIELDS.includes(key)) {
      throw new ApiError(400, `unknown last-used field ${JSON.stringify(key)}; send last_used or ago_ms`);
    }
  }
  const present = LAST_USED_FIELDS.filter((field) => input[field] !== undefined && input[field] !== null);
  if (present.length !== 1) {
    throw new ApiError(
      400,
      "send exactly one of last_used (an RFC 3339 date-time) and ago_ms (milliseconds before the emulator's now)",
    );
  }
  if (present[0] === "ago_ms") {
    const agoMs = input.ago_ms;
    if (typeof agoMs !== "number" || !Number.isSafeInteger(agoMs) || agoMs < 0) {
      throw new ApiError(400, `ago_ms must be a non-negative integer, got ${JSON.stringify(agoMs)}`);
    }
    return { agoMs };
  }
  const at = rfc3339Instant(input.last_used);
  if (at === undefined) {
    throw new ApiError(
      400,
      `last_used must be an RFC 3339 date-time such as 2026-01-31T12:00:00Z, got ${JSON.stringify(input.last_used)}`,
    );
  }
  return { at };
}

const RFC3339 =
  /^(?<year>\d{4})-(?<month>\d{2})-(?<day>\d{2})[Tt](?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2})(?:\.(?<fraction>\d+))?(?<zone>[Zz]|[+-](?<zoneHour>\d{2}):(?<zoneMinute>\d{2}))$/;

/**
 * Milliseconds since the epoch of an RFC 3339 date-time (section 5.6, `T` and `Z` in either case,
 * digits beyond milliseconds dropped); undefined for anything else, such as a 30 February or the
 * looser forms Date.parse accepts. Leap seconds are refused, as JavaScript has none.
 */
function rfc3339Instant(value: unknown): number | undefined {
  if (typeof value !== "string") return undefined;
  const parts = RFC3339.exec(value)?.groups;
  if (!parts) return undefined;
  const [year, month, day, hour, minute, second] = [
    parts.year,
    parts.month,
    parts.day,
    parts.hour,
    parts.minute,
    parts.second,
  ].map(Number);
  const leap = year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0);
  const daysInMonth = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1];
  if (daysInMonth === undefined || day < 1 || day > daysInMonth) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return undefined;
  if (Number(parts.zoneHour ?? 0) > 23 || Number(parts.zoneMinute ?? 0) > 59) return undefined;
  const millis = (parts.fraction ?? "").slice(0, 3).padEnd(3, "0");
  const zone = parts.zone.toUpperCase();
  const ms = Date.parse(`${value.slice(0, 10)}T${value.slice(11, 19)}.${millis}${zone}`);
  return Number.isNaN(ms) ? undefined : ms;
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
