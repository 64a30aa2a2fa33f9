/** Calls about an object Cohere has only just accepted, which it may not show yet. */
import { NotFoundError } from "../cohere/errors";

/**
 * A create Cohere accepted can stay invisible for a while (its commit still in flight behind the gateway), so a 404
 * until `visibleBy` means "not yet", not "gone": the call is repeated, with backoff, until then.
 */
export async function onceVisible<T>(
  call: () => Promise<T>,
  visibleBy: number,
  firstDelayMs: number,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
): Promise<T> {
  let delay = firstDelayMs;
  for (;;) {
    try {
      return await call();
    } catch (error) {
      if (!(error instanceof NotFoundError) || Date.now() + delay > visibleBy) throw error;
      await sleep(delay);
      delay = Math.min(delay * 2, 30_000);
    }
  }
}
