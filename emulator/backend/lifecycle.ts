import type { Status } from "../wire/enums";

/**
 * A training run is a plan, not a timer: every status is derived from the run's start and the
 * emulator clock when asked, so nothing needs to tick and state survives a restart.
 */
export interface TrainingRun {
  startedAt: number;
  durationMs: number;
  failing: boolean;
  /** Planned transitions at or before this instant are already in the model's recorded history. */
  eventsAfter: number;
  /** Set when the admin API froze the run; no planned transition happens after it. */
  stoppedAt?: number;
}

export interface Transition {
  status: Status;
  at: number;
}

/** Share of the run spent before entering each phase. */
const PHASE_START: Partial<Record<Status, number>> = {
  STATUS_QUEUED: 0,
  STATUS_FINETUNING: 0.1,
  STATUS_DEPLOYING_API: 0.8,
};
const FINETUNING_END = 0.8;
/** A failing run fails at the point it would have started deploying, after half its training steps. */
const FAILING_METRICS_END = 0.45;

export function isLifecyclePhase(status: Status): boolean {
  return PHASE_START[status] !== undefined;
}

export function startRun(
  now: number,
  durationMs: number,
  failing: boolean,
  phase: Status = "STATUS_QUEUED",
): TrainingRun {
  const startedAt = now - (PHASE_START[phase] ?? 0) * durationMs;
  return { startedAt, durationMs, failing, eventsAfter: phase === "STATUS_QUEUED" ? now - 1 : now };
}

function plannedTransitions(run: TrainingRun): Transition[] {
  const at = (share: number) => run.startedAt + Math.round(share * run.durationMs);
  const plan: Transition[] = [
    { status: "STATUS_QUEUED", at: at(0) },
    { status: "STATUS_FINETUNING", at: at(PHASE_START.STATUS_FINETUNING ?? 0) },
  ];
  if (run.failing) return [...plan, { status: "STATUS_FAILED", at: at(FINETUNING_END) }];
  return [
    ...plan,
    { status: "STATUS_DEPLOYING_API", at: at(FINETUNING_END) },
    { status: "STATUS_READY", at: at(1) },
  ];
}

/** Planned transitions that have happened by `now` and are not yet in the recorded history. */
export function transitionsUpTo(run: TrainingRun, now: number): Transition[] {
  const until = Math.min(now, run.stoppedAt ?? now);
  return plannedTransitions(run).filter((t) => t.at > run.eventsAfter && t.at <= until);
}

/** Training steps are spread over `start..end`; none is produced after `cutoff` (a failure, or a freeze). */
export function finetuningWindow(run: TrainingRun): { start: number; end: number; cutoff: number } {
  const at = (share: number) => run.startedAt + Math.round(share * run.durationMs);
  const end = at(FINETUNING_END);
  const failedAt = run.failing ? at(FAILING_METRICS_END) : end;
  return {
    start: at(PHASE_START.STATUS_FINETUNING ?? 0),
    end,
    cutoff: Math.min(failedAt, run.stoppedAt ?? end),
  };
}

/** Until a run reaches the point where it either deploys or fails, its outcome may still be changed. */
export function outcomeUndecided(run: TrainingRun, now: number): boolean {
  return run.stoppedAt === undefined && now < run.startedAt + Math.round(FINETUNING_END * run.durationMs);
}
