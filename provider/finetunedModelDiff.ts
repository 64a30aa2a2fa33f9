/** Decides what a change to a FinetunedModel spec costs: nothing, an in-place update, or a new training. */
import type { FinetunedModelInputs, FinetunedModelOutputs, SettingsSpec } from "./finetunedModelTypes";
import { Status } from "./enums";
import { containsUnknown } from "./validation/rules";
import { canonicalJson } from "./canonicalJson";
import { wandbWithoutKey } from "./finetunedModelWire";

export interface FinetunedModelDiff {
  changes: boolean;
  replaces: string[];
  /** Why, in words, for the preview display. */
  reasons: string[];
}

const inProgressStatuses: string[] = [Status.Queued, Status.Finetuning, Status.DeployingApi];

/** Everything in settings except wandb decides what is trained. */
export function trainingSettings(settings: SettingsSpec | undefined): unknown {
  if (!settings) return undefined;
  const { wandb: _wandb, ...training } = settings;
  return training;
}

export function sameValue(a: unknown, b: unknown): boolean {
  return canonicalJson(a) === canonicalJson(b);
}

export function diffFinetunedModel(
  id: string,
  olds: FinetunedModelOutputs,
  news: FinetunedModelInputs,
): FinetunedModelDiff {
  const replaces: string[] = [];
  const reasons: string[] = [];
  if (olds.status === Status.Failed) {
    replaces.push("status");
    reasons.push(`model ${olds.name} (${id}) ended ${Status.Failed}; a new training replaces it`);
  }
  const newTraining = trainingSettings(news.settings);
  if (containsUnknown(newTraining) || !sameValue(trainingSettings(olds.settings), newTraining)) {
    replaces.push("settings");
    reasons.push(
      "training settings changed (base model, dataset, hyperparameters or multiLabel): a new training replaces the model",
    );
  }
  if (news.adoptModelId !== undefined && news.adoptModelId !== id) {
    replaces.push("adoptModelId");
    reasons.push(`adoptModelId now names another model (${news.adoptModelId})`);
  }

  const updates: string[] = [];
  if (news.name !== olds.name) updates.push("name");
  if (!sameValue(wandbWithoutKey(olds.settings), wandbWithoutKey(news.settings)))
    updates.push("settings.wandb");
  if (news.waitForReady !== olds.waitForReady) updates.push("waitForReady");
  if (!sameValue(olds.timeouts, news.timeouts)) updates.push("timeouts");
  const resumesWaiting = news.waitForReady !== false && inProgressStatuses.includes(olds.status);
  if (resumesWaiting)
    reasons.push(`model ${olds.name} is still ${olds.status}; the update waits until it is READY`);

  return { changes: replaces.length > 0 || updates.length > 0 || resumesWaiting, replaces, reasons };
}
