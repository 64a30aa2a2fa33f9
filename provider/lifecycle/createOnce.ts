/** Creates a Cohere object without ever creating it twice, for requests that must not be blindly resent. */
import { CohereApiError } from "../cohere/errors";
import { formatDuration } from "./duration";
import type { HostContext } from "./hostContext";
import { report } from "./report";
import { isTransient } from "./waitForStatus";

const maxAttempts = 4;

export interface CreateOnceTiming {
  /** How long a create that may have been committed gets to become visible before it is sent again. */
  visibilityWindowMs: number;
  /** The first pause between lookups; it doubles, up to 30 s. */
  firstLookupDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export interface CreateOnceSteps<T> {
  /** What is being created, for progress lines. */
  what: string;
  create: () => Promise<T>;
  /** The object a create sent at `sentAt` made, if Cohere shows it by now. */
  findCreated: (sentAt: number) => Promise<T | undefined>;
}

export interface Created<T> {
  value: T;
  /** True when a create whose answer was lost turned out to have gone through. */
  recovered: boolean;
}

/**
 * A create that failed ambiguously (a 5xx, a timeout, a reset connection) may have been committed, and Cohere may
 * list it only seconds later. Resending at once could start a second paid training, so before any resend the
 * object is looked for, with backoff, over a window long enough for a slow commit.
 */
export async function createOnce<T>(
  steps: CreateOnceSteps<T>,
  timing: CreateOnceTiming,
): Promise<Created<T>> {
  const now = timing.now ?? Date.now;
  for (let attempt = 1; ; attempt++) {
    const sentAt = now();
    try {
      return { value: await steps.create(), recovered: false };
    } catch (error) {
      if (!(error instanceof CohereApiError && error.ambiguous)) throw error;
      const last = attempt >= maxAttempts;
      report(
        `${steps.what} may or may not have reached Cohere (${error.code ?? error.status}); ` +
          `waiting up to ${formatDuration(timing.visibilityWindowMs)} for it to appear` +
          (last ? "" : " before sending it again"),
      );
      // Even after the last attempt: a create that went through must end up in state, not orphaned.
      const found = await lookForCreated(steps, sentAt, timing);
      if (found !== undefined) return { value: found, recovered: true };
      if (last) throw error;
      report(`${steps.what} did not appear; sending it again`);
    }
  }
}

async function lookForCreated<T>(steps: CreateOnceSteps<T>, sentAt: number, timing: CreateOnceTiming) {
  const sleep = timing.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = timing.now ?? Date.now;
  const deadline = now() + timing.visibilityWindowMs;
  let delay = timing.firstLookupDelayMs;
  for (;;) {
    const found = await steps.findCreated(sentAt).catch((error: unknown) => {
      if (isTransient(error)) return undefined;
      throw error;
    });
    if (found !== undefined) return found;
    const remaining = deadline - now();
    if (remaining <= 0) return undefined;
    await sleep(Math.min(delay, remaining));
    delay = Math.min(delay * 2, 30_000);
  }
}

/**
 * A host's lookups for a create: on its clock, but never cut short by a cancellation, since a create that went
 * through must end up in state.
 */
export function createOnceTiming({ timing, clock }: Pick<HostContext, "timing" | "clock">): CreateOnceTiming {
  return {
    visibilityWindowMs: timing.createVisibilityMs,
    firstLookupDelayMs: timing.createLookupMs,
    now: clock.now,
  };
}
