/** Where the training Cohere reports differs from the one the stack declares. */
import { sameValue } from "../lifecycle/canonicalJson";
import { hyperparameterNames } from "./hyperparameters";
import { declaredHyperparameters } from "./modelConversion";
import type { SettingsSpec, TrainedSettings } from "./types";

export interface Drift {
  /** The property path, e.g. `settings.hyperparameters.trainEpochs`. */
  property: string;
  atCohere: unknown;
  declared: unknown;
}

/**
 * Compares what the spec declares with what Cohere reports. A field the spec leaves out means "Cohere's choice"
 * and is never drift; a field Cohere does not report cannot be compared.
 */
export function driftBetween(declared: SettingsSpec, trained: TrainedSettings): Drift[] {
  const drifts: Drift[] = [];
  const compare = (property: string, atCohere: unknown, wanted: unknown) => {
    if (wanted === undefined || atCohere === undefined || sameTrainingValue(atCohere, wanted)) return;
    drifts.push({ property, atCohere, declared: wanted });
  };
  compare("settings.baseModel.baseType", trained.baseModel.baseType, declared.baseModel.baseType);
  compare("settings.baseModel.name", trained.baseModel.name, declared.baseModel.name);
  compare("settings.baseModel.strategy", trained.baseModel.strategy, declared.baseModel.strategy);
  compare("settings.datasetId", trained.datasetId, declared.datasetId);
  compare("settings.multiLabel", trained.multiLabel, declared.multiLabel);
  const declaredValues = declaredHyperparameters(declared);
  const trainedValues = declaredHyperparameters(trained);
  for (const name of hyperparameterNames) {
    compare(`settings.hyperparameters.${name}`, trainedValues[name], declaredValues[name]);
  }
  return drifts;
}

export function describeDrift(drifts: Drift[]): string {
  return drifts
    .map(
      (d) =>
        `${d.property} is ${JSON.stringify(d.atCohere)} at Cohere, ${JSON.stringify(d.declared)} in the spec`,
    )
    .join("; ");
}

/** Numbers travel through JSON and may come back as the nearest double: compare them with a tolerance. */
function sameTrainingValue(a: unknown, b: unknown): boolean {
  if (typeof a === "number" && typeof b === "number")
    return Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  return sameValue(a, b);
}
