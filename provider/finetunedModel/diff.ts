/** Decides what a change to a FinetunedModel spec costs: nothing, an in-place update, or a new training. */
import type { FinetunedModelInputs, FinetunedModelOutputs, SettingsSpec } from "./types";
import type { ChangeDecision } from "../lifecycle/changeDecision";
import { Status } from "../cohere/enums";
import { containsUnknown } from "../lifecycle/rules";
import { sameValue } from "../lifecycle/canonicalJson";
import { wandbWithoutKey } from "./wire";

const inProgressStatuses: string[] = [Status.Queued, Status.Finetuning, Status.DeployingApi];

/** Everything in settings except wandb decides what is trained. */
export function trainingSettings(settings: SettingsSpec | undefined): unknown {
  if (!settings) return undefined;
  const { wandb: _wandb, ...training } = settings;
  return training;
}

export function diffFinetunedModel(
  id: string,
  olds: FinetunedModelOutputs,
  news: FinetunedModelInputs,
): ChangeDecision {
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
