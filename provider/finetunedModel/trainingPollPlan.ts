/**
 * When to look at a training again. A training reports its progress (the step of each evaluation, and when it
 * ran), and the dataset's size with the epochs and batch size gives the steps to go: so the provider sleeps
 * through most of the finetuning phase and polls densely only near its predicted end. Without an estimate it
 * falls back to the backoff schedule.
 */
import type { WireFinetunedModel, WireTrainingStepMetrics } from "../cohere/wireTypes";
import { Status } from "../cohere/enums";
import type { ProviderTiming } from "../lifecycle/timing";
import { backoff, NextDelay, pollSchedule } from "../lifecycle/waitForStatus";
import { defaultEpochs } from "./trainingCost";

/** Cohere's default batch size when the spec leaves it out. */
const defaultBatchSize = 16;

export interface TrainingPollTiming {
  /** The first pause, and the shortest one. */
  initialMs: number;
  /**
   * The longest pause while queued, or finetuning before two evaluations tell its pace. Sleeping that long
   * cannot delay noticing READY: the whole finetuning phase still lies ahead.
   */
  maxQueuedMs: number;
  /** The longest sleep towards a predicted end: a training that stops early is noticed at most this late. */
  maxPredictedMs: number;
  /** No evaluations are read before the wait has lasted this long: a shorter training gains nothing by them. */
  minPredictingMs: number;
  /** The pause between polls while the trained model is deployed, the short last step. */
  deployingMs: number;
  /** How long after the predicted end of the finetuning phase to look again. */
  afterPredictedEndMs: number;
}

export function trainingPollTiming(timing: ProviderTiming): TrainingPollTiming {
  const maxMs = timing.pollMaxMs;
  return {
    initialMs: timing.pollInitialMs,
    maxQueuedMs: maxMs,
    maxPredictedMs: Math.min(maxMs * 2, 20 * 60_000),
    minPredictingMs: 2 * 60_000,
    deployingMs: Math.min(maxMs, timing.pollDeployingMs),
    afterPredictedEndMs: Math.min(maxMs, 5_000),
  };
}

/** The optimizer steps a training takes: examples × epochs ÷ batch size, rounded up. */
export function totalTrainingSteps(
  trainExamples: number,
  epochs = defaultEpochs,
  batchSize = defaultBatchSize,
): number {
  return Math.max(1, Math.ceil((trainExamples * epochs) / batchSize));
}

/** When the finetuning phase will reach its last step, from the evaluations so far; undefined below two points. */
export function predictedFinetuningEnd(
  steps: WireTrainingStepMetrics[],
  totalSteps: number,
): number | undefined {
  const points = steps
    .map((step) => ({ step: step.step_number ?? 0, at: Date.parse(step.created_at ?? "") }))
    .filter((point) => Number.isFinite(point.at))
    .sort((a, b) => a.step - b.step);
  if (points.length < 2) return undefined;
  const [first, last] = [points[0], points[points.length - 1]];
  if (last.step <= first.step) return undefined;
  const msPerStep = (last.at - first.at) / (last.step - first.step);
  if (!(msPerStep > 0)) return undefined;
  return last.at + Math.max(0, totalSteps - last.step) * msPerStep;
}

export interface TrainingPollPlanOptions {
  timing: TrainingPollTiming;
  /** Steps the training will take, when the dataset's size is known. */
  totalSteps?: number;
  /** The training's evaluations so far; read only while it is FINETUNING and the steps to go are known. */
  readSteps: () => Promise<WireTrainingStepMetrics[]>;
  now: () => number;
}

/**
 * The pause before the next poll of a model. Without the steps to go (the dataset's size is unknown) it is the
 * plain backoff schedule; a failed read of the evaluations falls back to it for that poll.
 */
export function trainingPollPlan(options: TrainingPollPlanOptions): NextDelay<WireFinetunedModel> {
  const { timing, totalSteps, readSteps, now } = options;
  if (totalSteps === undefined)
    return backoff(
      pollSchedule({
        pollInitialMs: timing.initialMs,
        pollMaxMs: timing.maxQueuedMs,
        pollDeployingMs: timing.deployingMs,
      }),
      (model: WireFinetunedModel) => model.status ?? "",
    );
  const doubling = (waitedMs: number) => Math.min(Math.max(timing.initialMs, waitedMs), timing.maxQueuedMs);
  // Evaluations are read again only once the end they predicted has passed.
  let predictedEnd: number | undefined;
  return async (model, waitedMs) => {
    switch (model.status) {
      case Status.DeployingApi:
        return timing.deployingMs;
      case Status.Finetuning: {
        if (waitedMs < timing.minPredictingMs) return doubling(waitedMs);
        if (predictedEnd === undefined || now() >= predictedEnd) {
          predictedEnd = predictedFinetuningEnd(await readSteps().catch(() => []), totalSteps);
        }
        if (predictedEnd === undefined) return doubling(waitedMs);
        const untilEnd = predictedEnd - now();
        // Past its predicted end the training outlasts the estimate: look again (and re-read the evaluations)
        // after as long as it has overrun, so the pauses double instead of polling every second.
        const pause = untilEnd > 0 ? untilEnd + timing.afterPredictedEndMs : -untilEnd;
        return Math.min(Math.max(timing.initialMs, timing.afterPredictedEndMs, pause), timing.maxPredictedMs);
      }
      default:
        return doubling(waitedMs);
    }
  };
}
