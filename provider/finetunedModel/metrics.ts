/** What a finished training produced: the metrics of its last evaluation. */
import type { CohereClient } from "../cohere/client";
import type { WireTrainingStepMetrics } from "../cohere/wireTypes";

export interface TrainingResult {
  /** camelCase metric names as Cohere names them: `accuracy`, `crossEntropy`, `generationAccuracy`, ... */
  trainingMetrics: Record<string, number>;
  trainingSteps: number;
}

/** Pages of 1000 evaluations: a training reports far fewer, so one call, two at most. */
const pageSize = 1000;
const maxPages = 5;

/** Read once, when the training is READY; undefined when Cohere reports no evaluation. */
export async function lastTrainingStep(
  client: CohereClient,
  modelId: string,
): Promise<TrainingResult | undefined> {
  let last: WireTrainingStepMetrics | undefined;
  let pagesRead = 0;
  for await (const page of client.finetunedModels.listTrainingStepMetricsPages(modelId, { pageSize })) {
    for (const step of page.step_metrics ?? []) {
      if (step.metrics && (last === undefined || (step.step_number ?? 0) >= (last.step_number ?? 0)))
        last = step;
    }
    if (++pagesRead === maxPages) break;
  }
  if (!last?.metrics) return undefined;
  const trainingMetrics = Object.fromEntries(
    Object.entries(last.metrics)
      .filter(([name, value]) => name !== "step" && typeof value === "number")
      .map(([name, value]) => [camelCase(name), value]),
  );
  return { trainingMetrics, trainingSteps: last.step_number ?? 0 };
}

function camelCase(name: string): string {
  return name.replace(/_([a-z])/g, (_match, letter: string) => letter.toUpperCase());
}
