/** Calls about an object Cohere has only just accepted, which it may not show yet. */
import { NotFoundError } from "../cohere/errors";
import { isTransient } from "./waitForStatus";

export interface HealingWait {
  /** Until then a 404 means "not visible yet": a create Cohere accepted can stay unlisted while it commits. */
  visibleBy: number;
  /** Until then a transient failure (an outage, a rate limit) that outlasted the client's retries is retried. */
  transientUntil?: number;
  firstDelayMs: number;
  sleep?: (ms: number) => Promise<void>;
}

/** Repeats `call`, with backoff, while its failure is one that waiting can heal. */
export async function onceVisible<T>(call: () => Promise<T>, wait: HealingWait): Promise<T> {
  const sleep = wait.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  let delay = wait.firstDelayMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      const until =
        error instanceof NotFoundError
          ? wait.visibleBy
          : isTransient(error)
            ? wait.transientUntil
            : undefined;
      if (until === undefined || Date.now() + delay > until) throw error;
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}
