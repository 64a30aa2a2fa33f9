import type { CreateModelInput, UpdateModelInput } from "../backend/finetunedModels";
import { BASE_TYPES, LORA_TARGET_MODULES, STRATEGIES } from "../wire/enums";
import type {
  WireBaseModel,
  WireHyperparameters,
  WireSettingsRequest,
  WireWandbConfigRequest,
} from "../wire/types";
import {
  asObject,
  isPresent,
  optionalBoolean,
  optionalEnum,
  optionalNumber,
  optionalString,
  requiredString,
  requiredValue,
} from "./fields";

type NumericHyperparameter = Exclude<keyof WireHyperparameters, "lora_target_modules">;

/** The wire type of each numeric hyperparameter (int or double in Cohere's schema). */
const HYPERPARAMETER_KINDS: Record<NumericHyperparameter, "integer" | "number"> = {
  early_stopping_patience: "integer",
  early_stopping_threshold: "number",
  train_batch_size: "integer",
  train_epochs: "integer",
  learning_rate: "number",
  lora_alpha: "integer",
  lora_rank: "integer",
};

export function parseCreateModel(body: unknown): CreateModelInput {
  const obj = asObject(body, "request body");
  return {
    name: requiredString(obj, "name", "name"),
    settings: parseSettings(requiredValue(obj, "settings", "settings")),
  };
}

/** A name-only body is accepted (the emulator's choice; the SDKs send both). */
export function parseUpdateModel(body: unknown): UpdateModelInput {
  const obj = asObject(body, "request body");
  const name = requiredString(obj, "name", "name");
  return isPresent(obj.settings) ? { name, settings: parseSettings(obj.settings) } : { name };
}

export function parseSettings(raw: unknown): WireSettingsRequest {
  const settings = asObject(raw, "settings");
  const parsed: WireSettingsRequest = {
    base_model: parseBaseModel(requiredValue(settings, "base_model", "settings.base_model")),
    dataset_id: requiredString(settings, "dataset_id", "settings.dataset_id"),
  };
  if (isPresent(settings.hyperparameters)) {
    parsed.hyperparameters = parseHyperparameters(settings.hyperparameters);
  }
  const multiLabel = optionalBoolean(settings, "multi_label", "settings.multi_label");
  if (multiLabel !== undefined) parsed.multi_label = multiLabel;
  if (isPresent(settings.wandb)) parsed.wandb = parseWandb(settings.wandb);
  return parsed;
}

function parseBaseModel(raw: unknown): WireBaseModel {
  const obj = asObject(raw, "settings.base_model");
  const path = "settings.base_model.base_type";
  requiredValue(obj, "base_type", path);
  const baseModel: WireBaseModel = { base_type: optionalEnum(obj, "base_type", path, BASE_TYPES)! };
  const name = optionalString(obj, "name", "settings.base_model.name");
  if (name !== undefined && name !== "") baseModel.name = name;
  const strategy = optionalEnum(obj, "strategy", "settings.base_model.strategy", STRATEGIES);
  if (strategy !== undefined) baseModel.strategy = strategy;
  return baseModel;
}

function parseHyperparameters(raw: unknown): WireHyperparameters {
  const obj = asObject(raw, "settings.hyperparameters");
  const parsed: WireHyperparameters = {};
  for (const [field, kind] of Object.entries(HYPERPARAMETER_KINDS) as [
    NumericHyperparameter,
    "integer" | "number",
  ][]) {
    const value = optionalNumber(obj, field, `settings.hyperparameters.${field}`, kind);
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

function parseWandb(raw: unknown): WireWandbConfigRequest {
  const obj = asObject(raw, "settings.wandb");
  const wandb: WireWandbConfigRequest = { project: requiredString(obj, "project", "settings.wandb.project") };
  const apiKey = optionalString(obj, "api_key", "settings.wandb.api_key");
  if (apiKey !== undefined) wandb.api_key = apiKey;
  const entity = optionalString(obj, "entity", "settings.wandb.entity");
  if (entity !== undefined) wandb.entity = entity;
  return wandb;
}
