/** Decides what a change to a Dataset spec costs: nothing, a recorded update, or a new upload. */
import type { ChangeDecision } from "../lifecycle/changeDecision";
import { sameValue } from "../lifecycle/canonicalJson";
import { containsUnknown } from "../lifecycle/rules";
import { ValidationStatus } from "../cohere/enums";
import { fieldsChanging } from "../fields/field";
import { datasetFields } from "./fields";
import type { DatasetInputs, DatasetOutputs } from "./types";

type InputKey = keyof DatasetInputs;
const hashKeys: readonly string[] = ["dataFileHash", "evalDataFileHash"];
/** A name changes the dataset only when one is declared (a generated one is kept). */
const replacingKeys = fieldsChanging(datasetFields, "replace").filter((key) => key !== "name") as InputKey[];
const updatedInPlace = [...fieldsChanging(datasetFields, "update"), ...hashKeys] as InputKey[];
/** Cohere keeps these fields as a set: their order means nothing. */
const fieldListKeys: readonly string[] = ["keepFields", "optionalFields"];
/** The statuses of a validation still running. */
export const pendingValidationStatuses: readonly string[] = [
  ValidationStatus.Unknown,
  ValidationStatus.Queued,
  ValidationStatus.Processing,
];

export function diffDataset(id: string, olds: DatasetOutputs, news: DatasetInputs): ChangeDecision {
  const replaces: string[] = [];
  const reasons: string[] = [];
  if (olds.validationStatus === ValidationStatus.Failed) {
    replaces.push("validationStatus");
    reasons.push(`dataset ${olds.name} (${id}) failed validation; a new upload replaces it`);
  }
  const imported = isImported(olds);
  const changed = changedUploadInputs(olds, news);
  if (imported && news.dataFileHash !== undefined) {
    reasons.push(
      `dataset ${olds.name} (${id}) was imported: its content is taken to be ${news.dataFile}, recorded without ` +
        "an upload; a later change of the file uploads it again",
    );
  }
  if (news.name !== undefined && news.name !== olds.name) changed.unshift("name");
  if (changed.length > 0) {
    replaces.push(...changed);
    reasons.push(
      `${changed.join(", ")} changed: Cohere cannot change an uploaded dataset, a new upload replaces it`,
    );
  }

  const updates = updatedInPlace.filter(
    (key) => !sameValue(olds[key], news[key]) && (imported || !hashKeys.includes(key)),
  );
  const resumesWaiting = needsWaiting(olds, news);
  if (resumesWaiting)
    reasons.push(`dataset ${olds.name} is still ${olds.validationStatus}; the update waits for it`);

  const changedPaths = Object.fromEntries([
    ...updates.map((key) => [key, "update"] as const),
    ...changed.map((key) => [key, "replace"] as const),
  ]);
  return {
    changes: replaces.length > 0 || updates.length > 0 || resumesWaiting,
    replaces,
    reasons,
    changedPaths,
  };
}

/** The declared inputs whose change needs a new upload (a name aside): Cohere cannot change an uploaded dataset. */
export function changedUploadInputs(olds: Partial<DatasetInputs>, news: DatasetInputs): string[] {
  const imported = isImported(olds);
  return replacingKeys
    .filter((key) => !(imported && hashKeys.includes(key)))
    .filter(
      (key) =>
        containsUnknown(news[key]) || !sameValue(comparable(key, olds[key]), comparable(key, news[key])),
    );
}

function comparable(key: string, value: unknown): unknown {
  return fieldListKeys.includes(key) && Array.isArray(value) ? [...value].sort() : value;
}

export function needsWaiting(olds: DatasetOutputs, news: DatasetInputs): boolean {
  return news.waitForValidation !== false && pendingValidationStatuses.includes(olds.validationStatus);
}

/** A dataset `pulumi import` recorded (Cohere keeps no file hash), never declared with its file since. */
export function isImported(olds: Partial<DatasetInputs>): boolean {
  return olds.type !== undefined && olds.dataFileHash === undefined;
}
