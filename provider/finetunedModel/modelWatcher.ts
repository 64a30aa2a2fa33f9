/**
 * One watcher per provider process reads every model being waited for. Each round reads them all with one page
 * of the account's newest models, and a GET only for a model the page does not hold (a lone wait just GETs).
 * Rounds come when the most urgent wait asks; every wait then gets its model when its own pause is over, or as
 * soon as a round sees its status change. So a fleet's waits cost about what its most urgent one costs, and a
 * rate limit (the client's retries honour `Retry-After`) pauses one watcher, not one poller per model.
 */
import type { FinetunedModels } from "../cohere/finetunedModels";
import type { WireFinetunedModel } from "../cohere/wireTypes";
import { Status } from "../cohere/enums";
import { WaitCancelledError } from "../lifecycle/cancellation";
import { isTransient } from "../lifecycle/waitForStatus";

export interface WatcherClock {
  now(): number;
  /** Resolves after `ms`, or as soon as `signal` aborts. */
  sleep(ms: number, signal: AbortSignal): Promise<void>;
}

interface Waiter {
  id: string;
  dueAt: number;
  /** How early it may be read: a wait due a moment after a round is read by it, not by a round of its own. */
  earlyMs: number;
  lastStatus?: string;
  resolve: (model: WireFinetunedModel) => void;
  reject: (error: unknown) => void;
}

/** One wait's view of the watcher, from the create's answer to the end of its wait. */
export interface ModelWatch {
  /** The model as read once `dueAt` has come, or sooner when its status changed from `lastStatus`. */
  next(dueAt: number, lastStatus?: string): Promise<WireFinetunedModel>;
  /** Whether this wait may read its training's evaluations to predict its end (see `ModelWatcher.pacer`). */
  mayReadEvaluations(): boolean;
  stop(): void;
}

type ModelReads = Pick<FinetunedModels, "get" | "listNewest">;

/**
 * The share of its pause by which a wait may be read early. Creates sent moments apart ask for their next
 * reads moments apart: one round then serves them all, at no cost to noticing anything.
 */
const earlyShare = 0.05;

export class ModelWatcher {
  private readonly waiters = new Set<Waiter>();
  /** Models being waited for, with their last status seen (waits of one model count once). */
  private readonly watched = new Map<string, { waits: number; status?: string }>();
  /**
   * The one training at a time that reads its evaluations. A prediction makes its polls dense near its end, and
   * those rounds read every other model too: the others then need no evaluations of their own while it trains.
   */
  private pacer?: string;
  private running = false;
  private interruptPause?: () => void;

  constructor(
    private readonly models: ModelReads,
    private readonly clock: WatcherClock = realClock,
    /** The host's cancellation: it ends every wait. */
    private readonly cancelSignal: AbortSignal = new AbortController().signal,
  ) {}

  watch(id: string, status?: string): ModelWatch {
    const entry = this.watched.get(id) ?? { waits: 0, status };
    entry.waits++;
    this.watched.set(id, entry);
    let stopped = false;
    return {
      next: (dueAt, lastStatus) => this.next(id, dueAt, lastStatus),
      mayReadEvaluations: () => this.mayReadEvaluations(id),
      stop: () => {
        if (stopped) return;
        stopped = true;
        if (--entry.waits === 0) this.watched.delete(id);
        if (this.pacer === id && !this.watched.has(id)) this.pacer = undefined;
      },
    };
  }

  /** How many models the watcher is waiting for. */
  get size(): number {
    return this.watched.size;
  }

  private next(id: string, asked: number, lastStatus?: string): Promise<WireFinetunedModel> {
    if (this.cancelSignal.aborted) return Promise.reject(new WaitCancelledError());
    const dueAt = Number.isFinite(asked) ? asked : this.clock.now();
    return new Promise((resolve, reject) => {
      const earlyMs = Math.max(0, dueAt - this.clock.now()) * earlyShare;
      this.waiters.add({ id, dueAt, earlyMs, lastStatus, resolve, reject });
      this.interruptPause?.();
      if (!this.running) void this.run();
    });
  }

  private mayReadEvaluations(id: string): boolean {
    const pacer = this.pacer === undefined ? undefined : this.watched.get(this.pacer);
    if (!pacer || (pacer.status !== undefined && pacer.status !== Status.Finetuning)) this.pacer = id;
    return this.pacer === id;
  }

  private async run(): Promise<void> {
    this.running = true;
    try {
      while (this.waiters.size > 0) {
        if (this.cancelSignal.aborted) return this.endAll(new WaitCancelledError());
        const pause = Math.min(...[...this.waiters].map((waiter) => waiter.dueAt)) - this.clock.now();
        if (pause > 0) await this.pauseFor(pause);
        else await this.round();
      }
    } finally {
      this.running = false;
    }
  }

  /** Sleeps until the soonest wait is due, or less when a new wait or a cancellation comes first. */
  private async pauseFor(ms: number): Promise<void> {
    const interrupt = new AbortController();
    const cancelled = () => interrupt.abort();
    this.cancelSignal.addEventListener("abort", cancelled, { once: true });
    this.interruptPause = cancelled;
    try {
      await this.clock.sleep(ms, interrupt.signal);
    } finally {
      this.interruptPause = undefined;
      this.cancelSignal.removeEventListener("abort", cancelled);
    }
  }

  private async round(): Promise<void> {
    const startedAt = this.clock.now();
    const waiting = [...this.waiters];
    const due = (waiter: Waiter) => waiter.dueAt - waiter.earlyMs <= startedAt;
    let reads: Map<string, WireFinetunedModel | Error>;
    try {
      reads = await this.read([...new Set(waiting.map((waiter) => waiter.id))]);
    } catch (error) {
      // A round that failed its retries: each due wait reports it and goes on unless past its deadline.
      for (const waiter of waiting.filter(due)) this.end(waiter, error);
      return;
    }
    for (const waiter of waiting) {
      const read = reads.get(waiter.id);
      if (read instanceof Error || read === undefined) {
        if (due(waiter)) this.end(waiter, read ?? new Error(`model ${waiter.id} was not read`));
        continue;
      }
      const watched = this.watched.get(waiter.id);
      if (watched) watched.status = read.status;
      if (due(waiter) || read.status !== waiter.lastStatus) this.end(waiter, undefined, read);
    }
  }

  /** The models by id: one listing page when more than one is waited for, a GET for each the page lacks. */
  private async read(ids: string[]): Promise<Map<string, WireFinetunedModel | Error>> {
    const reads = new Map<string, WireFinetunedModel | Error>();
    if (ids.length > 1) {
      const wanted = new Set(ids);
      for (const model of await this.listed()) {
        if (model.id !== undefined && wanted.has(model.id)) reads.set(model.id, model);
      }
    }
    await Promise.all(
      ids
        .filter((id) => !reads.has(id))
        .map(async (id) => {
          try {
            reads.set(id, await this.models.get(id));
          } catch (error) {
            reads.set(id, error instanceof Error ? error : new Error(String(error)));
          }
        }),
    );
    return reads;
  }

  /**
   * A listing that failed its retries fails the round (an outage would fail every GET too); one refused for any
   * other reason leaves each model to its GET.
   */
  private async listed(): Promise<WireFinetunedModel[]> {
    try {
      return await this.models.listNewest();
    } catch (error) {
      if (isTransient(error)) throw error;
      return [];
    }
  }

  private end(waiter: Waiter, error: unknown, model?: WireFinetunedModel): void {
    this.waiters.delete(waiter);
    if (model) waiter.resolve(model);
    else waiter.reject(error);
  }

  private endAll(error: unknown): void {
    for (const waiter of [...this.waiters]) this.end(waiter, error);
  }
}

const realClock: WatcherClock = {
  now: Date.now,
  sleep: (ms, signal) =>
    new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        signal.removeEventListener("abort", done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      signal.addEventListener("abort", done, { once: true });
    }),
};
