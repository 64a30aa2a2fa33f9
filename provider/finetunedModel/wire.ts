/** camelCase spec <-> Cohere's snake_case wire format for fine-tuned models. */
import type { WireFinetunedModel, WireSettings } from "../cohere/wire";
import type { FinetunedModelInputs, FinetunedModelOutputs, SettingsSpec, WandbSpec } from "./types";
import { Status } from "../cohere/enums";
import { withoutUndefined } from "../lifecycle/plainObjects";

const hyperparameterWireNames = {
  earlyStoppingPatience: "early_stopping_patience",
  earlyStoppingThreshold: "early_stopping_threshold",
  trainBatchSize: "train_batch_size",
  trainEpochs: "train_epochs",
  learningRate: "learning_rate",
  loraAlpha: "lora_alpha",
  loraRank: "lora_rank",
  loraTargetModules: "lora_target_modules",
} as const;

export function settingsToWire(settings: SettingsSpec): WireSettings {
  const { baseModel, hyperparameters, wandb } = settings;
  const wire: WireSettings = {
    base_model: withoutUndefined({
      base_type: baseModel.baseType,
      name: baseModel.name,
      strategy: baseModel.strategy,
    }),
    dataset_id: settings.datasetId,
  };
  if (hyperparameters) {
    const entries = Object.entries(hyperparameters).filter(([, v]) => v !== undefined);
    wire.hyperparameters = Object.fromEntries(
      entries.map(([key, v]) => [hyperparameterWireNames[key as keyof typeof hyperparameterWireNames], v]),
    );
  }
  if (settings.multiLabel !== undefined) wire.multi_label = settings.multiLabel;
  if (wandb) {
    wire.wandb = withoutUndefined({ project: wandb.project, api_key: wandb.apiKey, entity: wandb.entity });
  }
  return wire;
}

export function createRequestBody(name: string, settings: SettingsSpec): WireFinetunedModel {
  return { name, settings: settingsToWire(settings) };
}

/**
 * The wandb settings that are worth keeping: without the API key, which Cohere only uses when a training starts
 * (and then deletes). Keeping it out of outputs keeps it out of every log line that prints outputs.
 */
export function wandbWithoutKey(settings: SettingsSpec | undefined): Omit<WandbSpec, "apiKey"> | undefined {
  if (!settings?.wandb) return undefined;
  const { apiKey: _apiKey, ...rest } = settings.wandb;
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
    status: model.status ?? Status.Unspecified,
    createdAt: model.created_at,
    updatedAt: model.updated_at,
    completedAt: model.completed_at,
    lastUsed: model.last_used,
    creatorId: model.creator_id,
    organizationId: model.organization_id,
    baseModelVersion: model.settings?.base_model?.version,
    inferenceModelName: `${id}-ft`,
  });
}

const hyperparameterSpecNames = Object.fromEntries(
  Object.entries(hyperparameterWireNames).map(([spec, wire]) => [wire, spec]),
);

export function settingsFromWire(wire: WireSettings): SettingsSpec {
  const { base_model: baseModel, hyperparameters, wandb } = wire;
  const settings: SettingsSpec = {
    baseModel: withoutUndefined({
      baseType: baseModel.base_type as SettingsSpec["baseModel"]["baseType"],
      name: baseModel.name,
      strategy: baseModel.strategy as SettingsSpec["baseModel"]["strategy"],
    }),
    datasetId: wire.dataset_id,
  };
  if (hyperparameters) {
    settings.hyperparameters = Object.fromEntries(
      Object.entries(hyperparameters)
        .filter(([key, v]) => v !== undefined && key in hyperparameterSpecNames)
        .map(([key, v]) => [hyperparameterSpecNames[key], v]),
    );
  }
  if (wire.multi_label !== undefined) settings.multiLabel = wire.multi_label;
  if (wandb)
    settings.wandb = withoutUndefined({
      project: wandb.project,
      apiKey: wandb.api_key,
      entity: wandb.entity,
    });
  return settings;
}
