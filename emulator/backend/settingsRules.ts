import { BaseType } from "../wire/enums";
import type { WireHyperparameters, WireSettings, WireSettingsRequest } from "../wire/types";
import { invalidRequest } from "./errors";

interface Range {
  min: number;
  max?: number;
}

/** The documented chat fine-tuning limits; LoRA bounds are undocumented, so only positivity is enforced. */
const HYPERPARAMETER_RANGES: Record<Exclude<keyof WireHyperparameters, "lora_target_modules">, Range> = {
  early_stopping_patience: { min: 0, max: 10 },
  early_stopping_threshold: { min: 0.001, max: 0.1 },
  train_batch_size: { min: 2, max: 16 },
  train_epochs: { min: 1, max: 10 },
  learning_rate: { min: 0.00005, max: 0.1 },
  lora_alpha: { min: 1 },
  lora_rank: { min: 1 },
};

const RERANK_BASE_MODELS = ["english", "multilingual"];

/**
 * Checks settings as sent on create or update against the rules of their base type. The wandb
 * api_key is required on create (the job needs it) but is never part of the result: Cohere deletes
 * it after the job.
 */
export function checkSettings(
  requested: WireSettingsRequest,
  options: { requireWandbApiKey: boolean },
): WireSettings {
  const baseType = requested.base_model.base_type;
  const path = "settings.base_model.base_type";
  if (baseType === BaseType.Unspecified) throw invalidRequest(`${path} must be specified`);
  if (baseType === BaseType.Generative) {
    throw invalidRequest(`${path} BASE_TYPE_GENERATIVE is deprecated and can no longer be fine-tuned`);
  }
  const name = requested.base_model.name;
  if (baseType === BaseType.Rerank && name !== undefined && !RERANK_BASE_MODELS.includes(name)) {
    throw invalidRequest(
      `settings.base_model.name must be one of ${RERANK_BASE_MODELS.join(", ")} for BASE_TYPE_RERANK`,
    );
  }
  checkHyperparameterRanges(requested.hyperparameters ?? {});
  if (requested.multi_label && baseType !== BaseType.Classification) {
    throw invalidRequest("settings.multi_label is only supported for BASE_TYPE_CLASSIFICATION");
  }
  const { wandb, ...settings } = requested;
  if (!wandb) return settings;
  if (baseType !== BaseType.Chat) throw invalidRequest("settings.wandb is only supported for BASE_TYPE_CHAT");
  const { api_key: apiKey, ...kept } = wandb;
  if (options.requireWandbApiKey && !apiKey) throw invalidRequest("settings.wandb.api_key is required");
  return { ...settings, wandb: kept };
}

function checkHyperparameterRanges(hyperparameters: WireHyperparameters): void {
  for (const [field, range] of Object.entries(HYPERPARAMETER_RANGES) as [
    keyof typeof HYPERPARAMETER_RANGES,
    Range,
  ][]) {
    const value = hyperparameters[field];
    if (value === undefined) continue;
    if (value < range.min || (range.max !== undefined && value > range.max)) {
      const bounds =
        range.max === undefined ? `at least ${range.min}` : `between ${range.min} and ${range.max}`;
      throw invalidRequest(`settings.hyperparameters.${field} must be ${bounds}, got ${value}`);
    }
  }
}
