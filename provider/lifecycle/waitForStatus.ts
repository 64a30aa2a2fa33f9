/** Polls a Cohere object (a fine-tuned model, a dataset) until its status leaves the in-progress ones. */
import { Status } from "../cohere/enums";
import { ApiConnectionError, InternalServerError, RateLimitError } from "../cohere/errors";
import { formatDuration } from "./duration";
import type { ProviderTiming } from "./timing";

export interface PollSchedule {
  initialMs: number;
  maxMs: number;
  factor: number;
  /** A lower cap while in a status that is known to end soon. */
  maxMsByStatus?: Record<string, number>;
}

/** The pause before the next poll, given the object as just read and how long the wait has lasted. */
export type NextDelay<T> = (item: T, waitedMs: number) => Promise<number> | number;

export interface PollTiming<T> {
  deadline: number;
  nextDelay: NextDelay<T>;
  report: (message: string) => void;
  /** The pause before each `get`: a host's clock's, which a cancellation ends. */
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

/** What to poll and which of its statuses mean "still on its way". */
export type StatusPoll<T> = StatusNames<T> &
  (
    | { get: () => Promise<T> }
    | {
        /**
         * Instead of pausing and then calling `get`: the object as read once `dueAt` has come, or sooner. A watcher
         * shared by many waits reads them all in one round, and wakes a wait early when its status changed.
         */
        readAt: (dueAt: number, last: T) => Promise<T>;
      }
  );

interface StatusNames<T> {
  nameOf: (item: T) => string;
  statusOf: (item: T) => string;
  /** Any other status ends the wait: the caller decides what it means. */
  pendingStatuses: readonly string[];
}

export interface PollOutcome<T> {
  /** `settled`: the status left the pending ones; `timedOut`: the deadline passed first. */
  kind: "settled" | "timedOut";
  item: T;
  polls: number;
}

/**
 * The backoff schedule: from the initial pause, ×1.5 per poll up to the longest pause but at most one minute, and
 * while a trained model is deployed, the short last step, at most its own pause and 20 s.
 */
export function pollSchedule(
  timing: Pick<ProviderTiming, "pollInitialMs" | "pollMaxMs" | "pollDeployingMs">,
): PollSchedule {
  const maxMs = Math.min(timing.pollMaxMs, 60_000);
  return {
    initialMs: timing.pollInitialMs,
    maxMs,
    factor: 1.5,
    maxMsByStatus: { [Status.DeployingApi]: Math.min(maxMs, timing.pollDeployingMs, 20_000) },
  };
}

/** The pauses of a backoff schedule, capped by status. */
export function backoff<T>(schedule: PollSchedule, statusOf: (item: T) => string): NextDelay<T> {
  let delay = schedule.initialMs;
  return (item) => {
    const cap = schedule.maxMsByStatus?.[statusOf(item)] ?? schedule.maxMs;
    const pause = Math.min(delay, cap);
    delay = Math.min(cap, pause * schedule.factor);
    return pause;
  };
}

export async function waitForStatus<T>(
  first: T,
  poll: StatusPoll<T>,
  timing: PollTiming<T>,
): Promise<PollOutcome<T>> {
  const sleep = timing.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = timing.now ?? Date.now;
  const started = now();
  let item = first;
  let lastStatus = "";
  let polls = 0;
  for (;;) {
    const status = poll.statusOf(item);
    if (status !== lastStatus) {
      timing.report(`${poll.nameOf(item)}: ${status} after ${formatDuration(now() - started)}`);
      lastStatus = status;
    }
    if (!poll.pendingStatuses.includes(status)) return { kind: "settled", item, polls };
    if (timing.deadline - now() <= 0) return { kind: "timedOut", item, polls };
    const delay = await timing.nextDelay(item, now() - started);
    // Measured after the delay is chosen: choosing it may read from Cohere, which can take long.
    const pause = Math.max(0, Math.min(delay, timing.deadline - now()));
    if ("get" in poll) await sleep(pause);
    polls++;
    try {
      item = "get" in poll ? await poll.get() : await poll.readAt(now() + pause, item);
    } catch (error) {
      if (!isTransient(error)) throw error;
      timing.report(`${poll.nameOf(item)}: status check failed (${(error as Error).message}); still waiting`);
    }
  }
}

/**
 * A wait can last hours: a poll that still fails after the client's own retries (an outage, a rate limit) must
 * not abandon it. Only answers that will not change by waiting (auth, not found, bad request) end it.
 */
export function isTransient(error: unknown): boolean {
  return (
    error instanceof RateLimitError ||
    error instanceof InternalServerError ||
    error instanceof ApiConnectionError
  );
}
