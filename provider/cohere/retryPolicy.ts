/** When a failed attempt may be retried, and after how long. */

export type Failure =
  | { kind: "status"; status: number; headers: Record<string, string>; data: unknown }
  | { kind: "transport"; code: string; timedOut: boolean };

/** `retry`: try again; `fail`: give up; `ambiguous`: give up because the server may have acted on it. */
export type Decision = "retry" | "fail" | "ambiguous";

const MAX_DELAY_MS = 60_000;

/** Connection failures that happen before any byte of the request leaves this machine. */
const NOT_SENT_CODES = [
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "EHOSTUNREACH",
  "ENETUNREACH",
  "EADDRNOTAVAIL",
];

export function decide(failure: Failure, idempotent: boolean): Decision {
  if (failure.kind === "status" && !isTransientStatus(failure.status)) return "fail";
  return idempotent || certainlyNotProcessed(failure) ? "retry" : "ambiguous";
}

function isTransientStatus(status: number): boolean {
  return status === 408 || status === 429 || status >= 500;
}

/** A 5xx, a timeout or a reset connection may come after the server acted on the request; these may not. */
function certainlyNotProcessed(failure: Failure): boolean {
  if (failure.kind === "status") return failure.status === 408 || failure.status === 429;
  return !failure.timedOut && NOT_SENT_CODES.includes(failure.code);
}

/** Server instructions (`Retry-After`, then `X-RateLimit-Reset`) first, else exponential backoff with ±10 % jitter. */
export function retryDelayMs(
  retryIndex: number,
  baseDelayMs: number,
  failure: Failure,
  now = Date.now(),
): number {
  const instructed = failure.kind === "status" ? delayFromHeaders(failure.headers, now) : undefined;
  if (instructed !== undefined) return Math.min(instructed, MAX_DELAY_MS);
  const backoff = Math.min(baseDelayMs * 2 ** retryIndex, MAX_DELAY_MS);
  return backoff * (0.9 + Math.random() * 0.2);
}

function delayFromHeaders(headers: Record<string, string>, now: number): number | undefined {
  const retryAfter = headers["retry-after"]?.trim();
  if (retryAfter && /^\d+(\.\d+)?$/.test(retryAfter)) return Number(retryAfter) * 1000;
  const date = retryAfter ? Date.parse(retryAfter) : NaN;
  if (!Number.isNaN(date)) return Math.max(0, date - now);
  const reset = Number(headers["x-ratelimit-reset"]);
  if (!headers["x-ratelimit-reset"] || !Number.isFinite(reset)) return undefined;
  // Some APIs send an epoch timestamp in seconds, others the seconds left; no window is longer than ~30 years.
  const delay = reset > 1e9 ? reset * 1000 - now : reset * 1000;
  return delay > 0 ? delay : undefined;
}
