import { createHash } from "node:crypto";
import { finetuningWindow, type TrainingRun } from "./lifecycle";

export interface StepMetric {
  at: number;
  step: number;
  metrics: Record<string, number>;
}

/** About this many evaluations per training, plus the one at the final step. */
const EVALUATIONS = 20;

/** Optimizer steps a run takes: examples × epochs ÷ batch size, as a trainer would count them. */
export function totalTrainingSteps(trainExamples: number, epochs = 1, batchSize = 16): number {
  return Math.max(1, Math.ceil((trainExamples * epochs) / batchSize));
}

/** Every max(1, floor(total / 20)) steps, and the final step. */
function evaluationSteps(totalSteps: number): number[] {
  const interval = Math.max(1, Math.floor(totalSteps / EVALUATIONS));
  const steps: number[] = [];
  for (let step = interval; step <= totalSteps; step += interval) steps.push(step);
  if (steps.at(-1) !== totalSteps) steps.push(totalSteps);
  return steps;
}

/**
 * The evaluations the run has reached by `now`: steps advance linearly over the FINETUNING phase,
 * and each evaluation appears when its step is reached. Values depend only on the model and the
 * step, so every read agrees, and they improve monotonically as training goes on.
 */
export function stepMetricsUpTo(
  modelId: string,
  run: TrainingRun,
  totalSteps: number,
  now: number,
): StepMetric[] {
  const { start, end, cutoff } = finetuningWindow(run);
  const level = modelLevel(modelId);
  const results: StepMetric[] = [];
  for (const step of evaluationSteps(totalSteps)) {
    const progress = step / totalSteps;
    const at = start + Math.round(progress * (end - start));
    if (at > now || at > cutoff) break;
    results.push({ at, step, metrics: metricsAt(level, step, progress) });
  }
  return results;
}

function metricsAt(level: number, step: number, progress: number): Record<string, number> {
  const learned = 1 - Math.exp(-3 * progress);
  const accuracy = 0.35 + (0.4 + 0.1 * level) * learned;
  const crossEntropy = 0.6 + 0.3 * level + 3.5 * (1 - learned);
  return {
    accuracy,
    cross_entropy: crossEntropy,
    generation_accuracy: 0.95 * accuracy,
    generation_cross_entropy: 1.08 * crossEntropy,
    step,
  };
}

/** A stable 0..1 per model, so different models learn to slightly different levels. */
function modelLevel(modelId: string): number {
  return createHash("sha256").update(modelId).digest().readUInt32BE(0) / 0xffffffff;
}
