import { createHash } from "node:crypto";
import { finetuningWindow, type TrainingRun } from "./lifecycle";

export interface StepMetric {
  at: number;
  step: number;
  metrics: Record<string, number>;
}

const MAX_EVALUATIONS = 10;

/** Optimizer steps a run takes: examples × epochs ÷ batch size, as a trainer would count them. */
export function totalTrainingSteps(trainExamples: number, epochs = 1, batchSize = 16): number {
  return Math.max(1, Math.ceil((trainExamples * epochs) / batchSize));
}

/**
 * Evaluations spread evenly over the finetuning phase, with loss falling and accuracy rising
 * along plausible curves; the jitter is a hash of the model and step so every read agrees.
 */
export function stepMetricsUpTo(
  modelId: string,
  run: TrainingRun,
  totalSteps: number,
  now: number,
): StepMetric[] {
  const { start, end, cutoff } = finetuningWindow(run);
  const evaluations = Math.min(totalSteps, MAX_EVALUATIONS);
  const results: StepMetric[] = [];
  for (let i = 0; i <= evaluations; i++) {
    const progress = i / evaluations;
    const at = start + Math.round(progress * (end - start));
    if (at > now || at > cutoff) break;
    const step = Math.round(progress * totalSteps);
    results.push({ at, step, metrics: metricsAt(modelId, step, progress) });
  }
  return results;
}

function metricsAt(modelId: string, step: number, progress: number): Record<string, number> {
  const noise = (salt: string) => (jitter(`${modelId}:${step}:${salt}`) - 0.5) * 0.04;
  const crossEntropy = 0.75 + 3.5 * Math.exp(-3 * progress) + noise("ce");
  const accuracy = 0.45 + 0.3 * (1 - Math.exp(-3 * progress)) + noise("acc");
  return {
    accuracy,
    cross_entropy: crossEntropy,
    generation_accuracy: accuracy + noise("gacc"),
    generation_cross_entropy: crossEntropy + noise("gce"),
    step,
  };
}

function jitter(seed: string): number {
  return createHash("sha256").update(seed).digest().readUInt32BE(0) / 0xffffffff;
}
