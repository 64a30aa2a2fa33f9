import type { Status } from "../wire/enums";

/** Shares of a run spent QUEUED and DEPLOYING_API; FINETUNING takes the rest, in between. */
export interface PhaseSplit {
  queued: number;
  deploying: number;
}

/**
 * A training run is a plan, not a timer: every status is derived from the run's start and the
 * emulator clock when asked, so nothing needs to tick and state survives a restart.
 */
export interface TrainingRun {
  startedAt: number;
  durationMs: number;
  phases: PhaseSplit;
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

const LIFECYCLE_PHASES: readonly Status[] = ["STATUS_QUEUED", "STATUS_FINETUNING", "STATUS_DEPLOYING_API"];

/** A failing run stops producing training steps halfway through FINETUNING, and fails where it would deploy. */
const FAILING_METRICS_SHARE = 0.5;

export function isLifecyclePhase(status: Status): boolean {
  return LIFECYCLE_PHASES.includes(status);
}

/** Share of the run spent before entering a lifecycle phase. */
function phaseStart(phases: PhaseSplit, status: Status): number {
  if (status === "STATUS_FINETUNING") return phases.queued;
  if (status === "STATUS_DEPLOYING_API") return 1 - phases.deploying;
  return 0;
}

export function startRun(
  now: number,
  durationMs: number,
  phases: PhaseSplit,
  failing: boolean,
  phase: Status = "STATUS_QUEUED",
): TrainingRun {
  const startedAt = now - phaseStart(phases, phase) * durationMs;
  return {
    startedAt,
    durationMs,
    phases,
    failing,
    eventsAfter: phase === "STATUS_QUEUED" ? now - 1 : now,
  };
}

function instant(run: TrainingRun, share: number): number {
  return run.startedAt + Math.round(share * run.durationMs);
}

function plannedTransitions(run: TrainingRun): Transition[] {
  const at = (status: Status) => instant(run, phaseStart(run.phases, status));
  const plan: Transition[] = [
    { status: "STATUS_QUEUED", at: at("STATUS_QUEUED") },
    { status: "STATUS_FINETUNING", at: at("STATUS_FINETUNING") },
  ];
  if (run.failing) return [...plan, { status: "STATUS_FAILED", at: at("STATUS_DEPLOYING_API") }];
  return [
    ...plan,
    { status: "STATUS_DEPLOYING_API", at: at("STATUS_DEPLOYING_API") },
    { status: "STATUS_READY", at: instant(run, 1) },
  ];
}

/** Planned transitions that have happened by `now` and are not yet in the recorded history. */
export function transitionsUpTo(run: TrainingRun, now: number): Transition[] {
  const until = Math.min(now, run.stoppedAt ?? now);
  return plannedTransitions(run).filter((t) => t.at > run.eventsAfter && t.at <= until);
}

/** Training steps are spread over `start..end`; none is produced after `cutoff` (a failure, or a freeze). */
export function finetuningWindow(run: TrainingRun): { start: number; end: number; cutoff: number } {
  const start = instant(run, phaseStart(run.phases, "STATUS_FINETUNING"));
  const end = instant(run, phaseStart(run.phases, "STATUS_DEPLOYING_API"));
  const failedAt = run.failing ? start + Math.round(FAILING_METRICS_SHARE * (end - start)) : end;
  return { start, end, cutoff: Math.min(failedAt, run.stoppedAt ?? end) };
}

/** Until a run reaches the point where it either deploys or fails, its outcome may still be changed. */
export function outcomeUndecided(run: TrainingRun, now: number): boolean {
  return run.stoppedAt === undefined && now < instant(run, phaseStart(run.phases, "STATUS_DEPLOYING_API"));
}
