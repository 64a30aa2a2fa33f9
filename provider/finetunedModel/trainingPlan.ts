/**
 * What an update's trainings come to together, for the one line a reviewer reads instead of adding up a line per
 * model: how many, on how many datasets, the tokens they process in all, and the largest.
 */
import { countOf, grouped } from "../lifecycle/counts";
import type { TrainingTokens } from "./trainingCost";

export interface PlannedTraining {
  resource: string;
  datasetId: string;
  /** Undefined while its dataset is not uploaded yet. */
  tokens?: TrainingTokens;
}

/** Said once per update of two trainings or more; a single training's own line says it all. */
export function planSummary(trainings: readonly PlannedTraining[]): string | undefined {
  if (trainings.length < 2) return undefined;
  const priced = trainings.filter((training) => training.tokens !== undefined);
  const unpriced = trainings.length - priced.length;
  let summary = `this update starts ${countOf(trainings.length, "training")}`;
  if (priced.length > 0) {
    const tokens = (training: PlannedTraining) => training.tokens!.total;
    const total = priced.reduce((sum, training) => sum + tokens(training), 0);
    const largest = priced.reduce((most, training) => (tokens(training) > tokens(most) ? training : most));
    const datasets = new Set(priced.map((training) => training.datasetId)).size;
    const which = unpriced > 0 ? `${grouped(priced.length)} of them ` : "";
    summary +=
      `: ${which}on ${countOf(datasets, "uploaded dataset")} process ${countOf(total, "token")} in all ` +
      `(trainable tokens × epochs; the largest, ${largest.resource}, ${countOf(tokens(largest), "token")})`;
  }
  if (unpriced > 0) {
    summary +=
      `${priced.length > 0 ? `; ${grouped(unpriced)} more` : `: ${grouped(unpriced)}`} on datasets not ` +
      "uploaded yet, whose sizes Cohere reports once they are";
  }
  return summary;
}
