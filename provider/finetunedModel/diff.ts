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

export interface FinetunedModelDecision extends ChangeDecision {
  /** True when the change replaces the model with a new training (not with an adopted model). */
  startsTraining: boolean;
}

/** The statuses of a training still on its way to READY. */
export const trainingStatuses: readonly string[] = [Status.Queued, Status.Finetuning, Status.DeployingApi];

/** What decides the training: the settings without wandb, with `{}`, `null` and omitted hyperparameters alike. */
export function trainingSettings(settings: SettingsSpec | undefined): unknown {
  if (!settings) return undefined;
  const { wandb: _wandb, hyperparameters: _hyperparameters, ...training } = withoutNulls(settings);
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
  if (replaces.length > 0 && news.adoptModelId === id) {
    // The replacement would adopt this same model again, and then the engine would delete it.
    throw new Error(
      `model ${olds.name} (${id}) is adopted (adoptModelId) and this change would replace it: ` +
        `${reasons.join("; ")}. Remove adoptModelId in the change that means to train a new model ` +
        "(the adopted one is deleted once it is trained), or declare the settings the adopted model was trained with.",
    );
  }
  const adopts = news.adoptModelId !== undefined && news.adoptModelId !== id;
  if (adopts) {
    replaces.push("adoptModelId");
    changedPaths.adoptModelId = "replace";
    reasons.push(`adoptModelId now names another model (${news.adoptModelId})`);
  }

  const updates: string[] = [];
  if (wantsRename(olds, news)) updates.push("name");
  if (!sameValue(wandbWithoutKey(olds.settings), wandbWithoutKey(news.settings)))
    updates.push("settings.wandb");
  for (const key of [
    "waitForReady",
    "allowRetrain",
    "qualityGate",
    "maxTrainingTokens",
    "timeouts",
  ] as const) {
    if (!sameValue(olds[key], news[key])) updates.push(key);
  }
  for (const path of updates) changedPaths[path] ??= "update";
  const resumesWaiting = news.waitForReady !== false && trainingStatuses.includes(olds.status);
  if (resumesWaiting)
    reasons.push(`model ${olds.name} is still ${olds.status}; the update waits until it is READY`);

  return {
    changes: replaces.length > 0 || updates.length > 0 || resumesWaiting,
    replaces,
    reasons,
    changedPaths,
    startsTraining: replaces.length > 0 && !adopts,
  };
}

/** A declared name that differs, or a generated one whose create never gave the model its final name. */
export function wantsRename(olds: FinetunedModelOutputs, news: FinetunedModelInputs): boolean {
  if (news.name !== undefined) return news.name !== olds.name;
  return news.adoptModelId === undefined && isPendingName(olds.name);
}

/** The training fields whose declared value changed, as property paths; all of them while one is unknown. */
function changedTrainingFields(olds: SettingsSpec, news: SettingsSpec): string[] {
  const before = trainingSettings(olds) as Record<string, unknown>;
  const after = trainingSettings(news) as Record<string, unknown>;
  const fields = [
    ["settings.baseModel", before.baseModel, after.baseModel],
    ["settings.datasetId", before.datasetId, after.datasetId],
    ["settings.hyperparameters", before.hyperparameters, after.hyperparameters],
    ["settings.multiLabel", before.multiLabel, after.multiLabel],
  ] as const;
  return fields
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
