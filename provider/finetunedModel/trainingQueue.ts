/**
 * Each training's create holds one of the engine's `--parallel` slots until its model is READY, hours later, so
 * a stack with more new trainings than slots trains them in waves. This says so once: before the trainings start
 * (a preview, or an update before its first create) from the slot count, or else once they are seen queuing.
 */
import { countOf } from "../lifecycle/counts";
import { EngineParallelism, engineParallelism } from "../lifecycle/engineParallelism";
import { type PlannedTraining, planSummary } from "./trainingPlan";

export interface QueueTimers {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/**
 * When the plan is complete enough to judge. The dynamic host is told when the plan ends (the SIGINT that ends
 * its process, see providers.ts) and names the exact count then. A plugin is ended without notice moments after a
 * preview's last check, so it judges at each check, naming the count so far as a lower bound.
 */
export type PlanJudgement = "atPlanEnd" | "atEachCheck";

export interface TrainingQueueOptions {
  warn: (message: string) => void;
  /** Says what a preview's trainings come to together, once it has planned them all. */
  announce?: (message: string) => void;
  judgePlan: PlanJudgement;
  /** The engine's slots, read once on first need: the process's ancestors and environment do not change. */
  slots?: () => EngineParallelism;
  timers?: QueueTimers;
  /** How long after the last training started the running ones are taken as all that the slots allow. */
  queueSettleMs?: number;
}

const realTimers: QueueTimers = {
  // A warning never keeps the process alive.
  setTimeout: (fn, ms) => setTimeout(fn, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export class TrainingQueue {
  private readonly plannedResources = new Map<string, PlannedTraining>();
  private readonly started = new Set<string>();
  private readonly waiting = new Set<string>();
  private settleTimer: unknown;
  private slotsRead?: EngineParallelism;
  private readonly warned = { plan: false, queue: false, summary: false };

  constructor(private readonly options: TrainingQueueOptions) {}

  private get timers(): QueueTimers {
    return this.options.timers ?? realTimers;
  }

  private slots(): EngineParallelism {
    this.slotsRead ??= (this.options.slots ?? engineParallelism)();
    return this.slotsRead;
  }

  /** A training this operation would start, from a preview or an update's check or diff. */
  planned(training: PlannedTraining): void {
    this.plannedResources.set(training.resource, training);
    if (this.options.judgePlan === "atEachCheck") this.judgePlan();
  }

  /**
   * The plan ended (a plugin's Cancel, the dynamic host's SIGINT): the plan warning is judged on the complete
   * count, and a preview, which starts no training, says what its trainings come to together.
   */
  planEnded(): void {
    this.judgePlan();
    if (this.warned.summary || this.started.size > 0) return;
    this.warned.summary = true;
    const summary = planSummary([...this.plannedResources.values()]);
    if (summary) this.options.announce?.(summary);
  }

  /** The training's create began: from here until its wait for READY ends, it holds one of the engine's slots. */
  startedWaiting(resource: string): void {
    this.started.add(resource);
    this.waiting.add(resource);
    if (this.warned.queue) return;
    this.timers.clearTimeout(this.settleTimer);
    this.settleTimer = this.timers.setTimeout(() => this.queueSettled(), this.options.queueSettleMs ?? 2000);
  }

  /** The wait ended, whatever its outcome: a slot is freed as expected. */
  stoppedWaiting(resource: string): void {
    this.waiting.delete(resource);
    this.timers.clearTimeout(this.settleTimer);
    this.settleTimer = undefined;
  }

  private judgePlan(): void {
    // Once a training started, the queue warning speaks from what it sees instead.
    if (this.warned.plan || this.started.size > 0) return;
    const slots = this.slots();
    if (this.plannedResources.size <= slots.slots) return;
    this.warned.plan = true;
    const soFar = this.options.judgePlan === "atEachCheck";
    this.options.warn(planWarning(this.plannedResources.size, slots, soFar));
  }

  /**
   * Judged a while after the last start, not as soon as the running ones fill the slots: a create that ends
   * within moments (refused by a budget, failed) hands its slot on, and that is no queue.
   */
  private queueSettled(): void {
    const running = this.waiting.size;
    // Once any wait ended, fewer running than planned is slots being handed on, not a queue being seen; and
    // fewer running than the engine's slots is trainings waiting for something else (their datasets, say).
    const queuing =
      running === this.started.size && running < this.plannedResources.size && running >= this.slots().slots;
    if (this.warned.queue || !queuing) return;
    this.warned.queue = true;
    this.options.warn(queueWarning(this.plannedResources.size, running));
  }
}

/** Said before any training started: the slot count is the engine's, as this process can tell it. */
export function planWarning(planned: number, { slots, source }: EngineParallelism, soFar = false): string {
  const where =
    source === "flag"
      ? `--parallel ${slots} as passed`
      : source === "PULUMI_PARALLEL"
        ? `PULUMI_PARALLEL=${slots}`
        : "--parallel, 4 per CPU by default";
  const trainings = soFar ? `at least ${planned} trainings` : countOf(planned, "training");
  const run = soFar
    ? "Run `pulumi up --parallel <n>` (or set PULUMI_PARALLEL=<n>) with n the number of trainings this preview lists"
    : fix(planned, "Run");
  return (
    `this update starts ${trainings}, but Pulumi runs at most ` +
    `${countOf(slots, "resource operation")} at once (${where}) and each training holds one until its model is ` +
    `READY: they would train in ${soFar ? "at least " : ""}${waves(planned, slots)}. ${run} to train them side by side.`
  );
}

/**
 * Said once trainings are seen queuing: `running` is how many the slots let start, `planned` how many this process
 * was shown, a lower bound. The engine checks the next resource only once a slot is free, so an update never
 * sees more than one training beyond the running ones: the preview's count is the one to pass.
 */
export function queueWarning(planned: number, running: number): string {
  const waiting = planned - running;
  return (
    `trainings are queuing for Pulumi's slots: ${running} ${running === 1 ? "is" : "are"} running and at least ` +
    `${waiting} more ${waiting === 1 ? "is" : "are"} waiting, because Pulumi runs at most ` +
    `${countOf(running, "resource operation")} at once (--parallel) and each training holds one until READY: ` +
    `this update trains in at least ${waves(planned, running)}, each as long as a training. Next time run ` +
    "`pulumi up --parallel <n>` (or set PULUMI_PARALLEL=<n>) with n the number of trainings its preview lists."
  );
}

function waves(planned: number, slots: number): string {
  return countOf(Math.ceil(planned / slots), "wave");
}

function fix(planned: number, verb: string): string {
  return `${verb} \`pulumi up --parallel ${planned}\` (or set PULUMI_PARALLEL=${planned})`;
}
