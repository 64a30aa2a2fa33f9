/** Decides what a change to a FinetunedModel spec costs: nothing, an in-place update, or a new training. */
import type { ChangeDecision } from "../lifecycle/changeDecision";
import { sameValue } from "../lifecycle/canonicalJson";
import { withoutNulls } from "../lifecycle/plainObjects";
import { containsUnknown } from "../lifecycle/rules";
import { Status } from "../cohere/enums";
import { describeDrift, driftBetween } from "./drift";
import { isPendingName } from "./pendingName";
import { declaredHyperparameters, wandbWithoutKey } from "./modelConversion";
import type { FinetunedModelInputs, FinetunedModelOutputs, SettingsSpec } from "./types";
import { fieldsChanging } from "../fields/field";
import { adoptionChange, adopts, refuseReplacingAdopted } from "./adoption";
import { waitsForReady } from "./training";
import { finetunedModelFields, trainingFields } from "./fields";

/** What is recorded in place when it changes; the name, the W&B settings and an adopted id are judged in code. */
const updatedInPlace = fieldsChanging(finetunedModelFields, "update");

export interface FinetunedModelDecision extends ChangeDecision {
  /** True when the change replaces the model with a new training (not with an adopted model). */
  startsTraining: boolean;
}

/** The statuses of a training still on its way to READY. */
export const trainingStatuses: readonly string[] = [Status.Queued, Status.Finetuning, Status.DeployingApi];

/** What decides the training: its fields of the settings, with `{}`, `null` and omitted hyperparameters alike. */
function trainingSettings(settings: SettingsSpec): Record<string, unknown> {
  const declared: Record<string, unknown> = withoutNulls(settings);
  const training = Object.fromEntries(trainingFields.map((key) => [key, declared[key]]));
  return { ...training, hyperparameters: declaredHyperparameters(settings) };
}

export function diffFinetunedModel(
  id: string,
  olds: FinetunedModelOutputs,
  news: FinetunedModelInputs,
): FinetunedModelDecision {
  const replaces: string[] = [];
  const reasons: string[] = [];
  if (olds.status === Status.Failed) {
    replaces.push("status");
    reasons.push(`model ${olds.name} (${id}) ended ${Status.Failed}; a new training replaces it`);
  }
  const changedPaths: Record<string, "update" | "replace"> = {};
  const changedFields = changedTrainingFields(olds.settings, news.settings);
  if (changedFields.length > 0) {
    replaces.push("settings");
    for (const path of changedFields) changedPaths[path] = "replace";
    reasons.push(`${changedFields.join(", ")} changed: a new training replaces model ${olds.name}`);
  } else if (olds.trainedSettings && !containsUnknown(news.settings)) {
    const drifts = driftBetween(news.settings, olds.trainedSettings);
    if (drifts.length > 0) {
      replaces.push("settings");
      reasons.push(
        `model ${olds.name} was trained otherwise than declared (${describeDrift(drifts)}): a new training replaces it`,
      );
    }
  }
  if (replaces.length > 0) refuseReplacingAdopted(id, olds, news, reasons);
  const adoption = adoptionChange(id, news);
  if (adoption) {
    replaces.push(adoption.property);
    changedPaths[adoption.property] = "replace";
    reasons.push(adoption.reason);
  }

  const updates: string[] = [];
  if (wantsRename(olds, news)) updates.push("name");
  if (!sameValue(wandbWithoutKey(olds.settings), wandbWithoutKey(news.settings)))
    updates.push("settings.wandb");
  for (const key of updatedInPlace) {
    if (!sameValue(olds[key as keyof FinetunedModelInputs], news[key as keyof FinetunedModelInputs]))
      updates.push(key);
  }
  for (const path of updates) changedPaths[path] ??= "update";
  const resumesWaiting = waitsForReady(news) && trainingStatuses.includes(olds.status);
  if (resumesWaiting)
    reasons.push(`model ${olds.name} is still ${olds.status}; the update waits until it is READY`);

  return {
    changes: replaces.length > 0 || updates.length > 0 || resumesWaiting,
    replaces,
    reasons,
    changedPaths,
    startsTraining: replaces.length > 0 && !adoption,
  };
}

/** A declared name that differs, or a generated one whose create never gave the model its final name. */
export function wantsRename(olds: FinetunedModelOutputs, news: FinetunedModelInputs): boolean {
  if (news.name !== undefined) return news.name !== olds.name;
  return !adopts(news) && isPendingName(olds.name);
}

/** The training fields whose declared value changed, as property paths; all of them while one is unknown. */
function changedTrainingFields(olds: SettingsSpec, news: SettingsSpec): string[] {
  const before = trainingSettings(olds);
  const after = trainingSettings(news);
  return trainingFields
    .map((key) => [`settings.${key}`, before[key], after[key]] as const)
    .filter(([, was, is]) => containsUnknown(is) || !sameValue(was, is))
    .flatMap(([path, was, is]) => (containsUnknown(is) ? [path] : detailed(path, was, is)));
}

function detailed(path: string, was: unknown, is: unknown): string[] {
  if (was && is && typeof was === "object" && typeof is === "object") {
    const keys = [...new Set([...Object.keys(was), ...Object.keys(is)])].filter(
      (key) => !sameValue((was as Record<string, unknown>)[key], (is as Record<string, unknown>)[key]),
    );
    return keys.map((key) => `${path}.${key}`);
  }
  return [path];
}
