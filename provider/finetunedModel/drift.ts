/** Where the training Cohere reports differs from the one the stack declares. */
import type { Field } from "../fields/field";
import { sameValue } from "../lifecycle/canonicalJson";
import { settingsFields, trainingFields } from "./fields";
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
  const atCohere: Record<string, unknown> = trained;
  const wanted: Record<string, unknown> = declared;
  return trainingFields.flatMap((key) =>
    driftsOf(`settings.${key}`, settingsFields[key], atCohere[key], wanted[key]),
  );
}

/** An object's fields are compared one by one: each one the spec leaves out is Cohere's choice. */
function driftsOf(property: string, field: Field, atCohere: unknown, wanted: unknown): Drift[] {
  if (wanted === undefined || wanted === null || atCohere === undefined || atCohere === null) return [];
  if (field.type === "object") {
    const reported = atCohere as Record<string, unknown>;
    const declared = wanted as Record<string, unknown>;
    return Object.entries(field.fields).flatMap(([key, inner]) =>
      driftsOf(`${property}.${key}`, inner, reported[key], declared[key]),
    );
  }
  return sameTrainingValue(atCohere, wanted) ? [] : [{ property, atCohere, declared: wanted }];
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
