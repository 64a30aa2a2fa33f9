/** camelCase spec <-> Cohere's snake_case wire format for fine-tuned models. */
import type { WireFinetunedModel, WireSettings } from "../cohere/wireTypes";
import type { BaseType, Strategy } from "../cohere/enums";
import { Status } from "../cohere/enums";
import { withoutNulls, withoutUndefined } from "../lifecycle/plainObjects";
import { HyperparameterName, hyperparameterNames, hyperparameterRules } from "./hyperparameters";
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
  const { baseModel, wandb } = settings;
  const wire: WireSettings = {
    base_model: withoutUndefined({
      base_type: baseModel.baseType,
      name: baseModel.name,
      strategy: baseModel.strategy,
    }),
    dataset_id: settings.datasetId,
  };
  const hyperparameters = declaredHyperparameters(settings);
  if (Object.keys(hyperparameters).length > 0) {
    wire.hyperparameters = Object.fromEntries(
      Object.entries(hyperparameters).map(([name, value]) => [
        hyperparameterRules[name as HyperparameterName].wire,
        value,
      ]),
    );
  }
  if (settings.multiLabel !== undefined) wire.multi_label = settings.multiLabel;
  if (wandb && wandbApiKey !== undefined) {
    wire.wandb = withoutUndefined({ project: wandb.project, api_key: wandbApiKey, entity: wandb.entity });
  }
  return wire;
}

/** What Cohere reports a model was trained with, in the declared shape. */
export function settingsFromWire(wire: WireSettings): TrainedSettings {
  const hyperparameters = Object.fromEntries(
    hyperparameterNames
      .map((name) => [
        name,
        wire.hyperparameters?.[hyperparameterRules[name].wire as keyof typeof wire.hyperparameters],
      ])
      .filter(([, value]) => value !== undefined && value !== null),
  ) as HyperparametersSpec;
  return withoutUndefined({
    baseModel: withoutUndefined({
      baseType: wire.base_model.base_type as BaseType,
      name: wire.base_model.name || undefined,
      strategy: (wire.base_model.strategy || undefined) as Strategy | undefined,
    }),
    datasetId: wire.dataset_id,
    hyperparameters: Object.keys(hyperparameters).length > 0 ? hyperparameters : undefined,
    multiLabel: wire.multi_label,
    wandb: wire.wandb
      ? withoutUndefined({ project: wire.wandb.project, entity: wire.wandb.entity })
      : undefined,
  });
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
