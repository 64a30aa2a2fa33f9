/**
 * The engine's Cancel (Ctrl-C in `pulumi up`) ends every wait of the host: each model or dataset being waited
 * for is then recorded with its status, and the next `pulumi up` resumes waiting. Sends are never cut short.
 */
export class WaitCancelledError extends Error {
  constructor() {
    super("the operation was cancelled; the next `pulumi up` resumes waiting");
    this.name = "WaitCancelledError";
  }
}

export class Cancellation {
  private readonly controller = new AbortController();

  cancel(): void {
    this.controller.abort();
  }

  /** Aborted once the operation is cancelled: for a wait that pauses in its own way (the model watcher). */
  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** A pause of a wait: rejects with WaitCancelledError once the operation is cancelled. */
  sleep(ms: number): Promise<void> {
    const signal = this.controller.signal;
    if (signal.aborted) return Promise.reject(new WaitCancelledError());
    return new Promise((resolve, reject) => {
      const cancelled = () => {
        clearTimeout(timer);
        reject(new WaitCancelledError());
      };
      const timer = setTimeout(() => {
        signal.removeEventListener("abort", cancelled);
        resolve();
      }, ms);
      signal.addEventListener("abort", cancelled, { once: true });
    });
  }
}
