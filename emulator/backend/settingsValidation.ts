import { BASE_TYPES, LORA_TARGET_MODULES, STRATEGIES, type BaseType } from "../wire/enums";
import type { WireBaseModel, WireHyperparameters, WireSettings, WireWandbConfig } from "../wire/types";
import { invalidRequest } from "./errors";
import {
  asObject,
  isPresent,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalString,
  requiredString,
  requiredValue,
  type JsonObject,
  type NumberRule,
} from "./fields";

/** The documented chat fine-tuning limits; LoRA bounds are undocumented, so only positivity is enforced. */
const HYPERPARAMETER_RULES: Record<Exclude<keyof WireHyperparameters, "lora_target_modules">, NumberRule> = {
  early_stopping_patience: { integer: true, min: 0, max: 10 },
  early_stopping_threshold: { integer: false, min: 0.001, max: 0.1 },
  train_batch_size: { integer: true, min: 2, max: 16 },
  train_epochs: { integer: true, min: 1, max: 10 },
  learning_rate: { integer: false, min: 0.00005, max: 0.1 },
  lora_alpha: { integer: true, min: 1 },
  lora_rank: { integer: true, min: 1 },
};

const RERANK_BASE_MODELS = ["english", "multilingual"];

/**
 * Validates `settings` as sent on create or update. The wandb api_key is required on create
 * (the job needs it) but is never part of the result: Cohere deletes it after the job.
 */
export function parseSettings(raw: unknown, options: { requireWandbApiKey: boolean }): WireSettings {
  const settings = asObject(raw, "settings");
  const baseModel = parseBaseModel(requiredValue(settings, "base_model", "settings.base_model"));
  const parsed: WireSettings = {
    base_model: baseModel,
    dataset_id: requiredString(settings, "dataset_id", "settings.dataset_id"),
  };
  if (isPresent(settings.hyperparameters))
    parsed.hyperparameters = parseHyperparameters(settings.hyperparameters);
  const multiLabel = optionalBoolean(settings, "multi_label", "settings.multi_label");
  if (multiLabel !== undefined) {
    if (baseModel.base_type !== "BASE_TYPE_CLASSIFICATION" && multiLabel) {
      throw invalidRequest("settings.multi_label is only supported for BASE_TYPE_CLASSIFICATION");
    }
    parsed.multi_label = multiLabel;
  }
  if (isPresent(settings.wandb)) {
    if (baseModel.base_type !== "BASE_TYPE_CHAT") {
      throw invalidRequest("settings.wandb is only supported for BASE_TYPE_CHAT");
    }
    parsed.wandb = parseWandb(settings.wandb, options.requireWandbApiKey);
  }
  return parsed;
}

function parseBaseModel(raw: unknown): WireBaseModel {
  const obj = asObject(raw, "settings.base_model");
  const path = "settings.base_model.base_type";
  requiredValue(obj, "base_type", path);
  const baseType = optionalEnum(obj, "base_type", path, BASE_TYPES) as BaseType;
  if (baseType === "BASE_TYPE_UNSPECIFIED") throw invalidRequest(`${path} must be specified`);
  if (baseType === "BASE_TYPE_GENERATIVE") {
    throw invalidRequest(`${path} BASE_TYPE_GENERATIVE is deprecated and can no longer be fine-tuned`);
  }
  const baseModel: WireBaseModel = { base_type: baseType };
  const name = optionalString(obj, "name", "settings.base_model.name");
  if (name !== undefined && name !== "") {
    if (baseType === "BASE_TYPE_RERANK" && !RERANK_BASE_MODELS.includes(name)) {
      throw invalidRequest(
        `settings.base_model.name must be one of ${RERANK_BASE_MODELS.join(", ")} for BASE_TYPE_RERANK`,
      );
    }
    baseModel.name = name;
  }
  const strategy = optionalEnum(obj, "strategy", "settings.base_model.strategy", STRATEGIES);
  if (strategy !== undefined) baseModel.strategy = strategy;
  return baseModel;
}

function parseHyperparameters(raw: unknown): WireHyperparameters {
  const obj = asObject(raw, "settings.hyperparameters");
  const parsed: WireHyperparameters = {};
  for (const [field, rule] of Object.entries(HYPERPARAMETER_RULES) as [
    keyof typeof HYPERPARAMETER_RULES,
    NumberRule,
  ][]) {
    const value = optionalNumber(obj, field, `settings.hyperparameters.${field}`, rule);
    if (value !== undefined) parsed[field] = value;
  }
  const modules = optionalEnum(
    obj,
    "lora_target_modules",
    "settings.hyperparameters.lora_target_modules",
    LORA_TARGET_MODULES,
  );
  if (modules !== undefined) parsed.lora_target_modules = modules;
  return parsed;
}

function parseWandb(raw: unknown, requireApiKey: boolean): WireWandbConfig {
  const obj: JsonObject = asObject(raw, "settings.wandb");
  const wandb: WireWandbConfig = { project: requiredString(obj, "project", "settings.wandb.project") };
  if (requireApiKey) requiredString(obj, "api_key", "settings.wandb.api_key");
  else optionalString(obj, "api_key", "settings.wandb.api_key");
  const entity = optionalString(obj, "entity", "settings.wandb.entity");
  if (entity !== undefined) wandb.entity = entity;
  return wandb;
}
