/** camelCase spec <-> Cohere's snake_case wire format for fine-tuned models. */
import type { WireFinetunedModel, WireSettings } from "../cohere/wireTypes";
import { Status } from "../cohere/enums";
import { fromWire, toWire } from "../fields/wireFields";
import { withoutNulls, withoutUndefined } from "../lifecycle/plainObjects";
import { finetunedModelOutputFields, settingsFields } from "./fields";
import type {
  FinetunedModelInputs,
  FinetunedModelOutputs,
  HyperparametersSpec,
  SettingsSpec,
  TrainedSettings,
  WandbSpec,
} from "./types";

/**
 * The settings as Cohere takes them. The wandb key goes only into the request that starts a training (Cohere
 * deletes it after the job), never into a rename.
 */
export function settingsToWire(settings: TrainedSettings, wandbApiKey?: string): WireSettings {
  const { wandb, ...training } = settings;
  const withKey =
    wandb && wandbApiKey !== undefined ? { ...training, wandb: { ...wandb, apiKey: wandbApiKey } } : training;
  return toWire(settingsFields, withKey) as unknown as WireSettings;
}

/** What Cohere reports a model was trained with, in the declared shape. */
export function settingsFromWire(wire: WireSettings): TrainedSettings {
  return fromWire(
    finetunedModelOutputFields.trainedSettings.fields,
    wire as unknown as Record<string, unknown>,
  ) as TrainedSettings;
}

/** The hyperparameters a spec declares: `{}`, `null` and omitted all mean "Cohere's defaults". */
export function declaredHyperparameters(
  settings: Pick<SettingsSpec, "hyperparameters"> | undefined,
): HyperparametersSpec {
  return withoutUndefined(withoutNulls(settings?.hyperparameters ?? {}));
}

/**
 * The wandb settings that are worth keeping: without the API key, which Cohere only uses when a training starts
 * (and then deletes). Keeping it out of outputs keeps it out of every log line that prints outputs.
 */
export function wandbWithoutKey(
  settings: SettingsSpec | TrainedSettings | undefined,
): Omit<WandbSpec, "apiKey"> | undefined {
  if (!settings?.wandb) return undefined;
  const { apiKey: _apiKey, ...rest } = settings.wandb as WandbSpec;
  return rest;
}

/** The declared inputs as kept among outputs, where later diffs compare them: without the wandb key. */
export function declaredForOutputs(inputs: FinetunedModelInputs): FinetunedModelInputs {
  const wandb = wandbWithoutKey(inputs.settings);
  return wandb ? { ...inputs, settings: { ...inputs.settings, wandb: wandb as WandbSpec } } : inputs;
}

/** Outputs = the declared inputs + what the service reports. */
export function outputsFromWire(
  inputs: FinetunedModelInputs,
  model: WireFinetunedModel,
): FinetunedModelOutputs {
  const id = model.id ?? "";
  return withoutUndefined({
    ...declaredForOutputs(inputs),
    name: model.name,
    nameIsGenerated: inputs.name === undefined ? true : undefined,
    status: model.status ?? Status.Unspecified,
    createdAt: model.created_at,
    updatedAt: model.updated_at,
    completedAt: model.completed_at,
    lastUsed: model.last_used,
    creatorId: model.creator_id,
    organizationId: model.organization_id,
    baseModelVersion: model.settings?.base_model?.version,
    inferenceModelName: `${id}-ft`,
    trainedSettings: model.settings ? settingsFromWire(model.settings) : undefined,
  });
}
