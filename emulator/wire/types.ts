import type { BaseType, DatasetType, LoraTargetModules, Status, Strategy, ValidationStatus } from "./enums";

/** snake_case JSON exactly as Cohere sends and receives it. */

export interface WireBaseModel {
  name?: string;
  version?: string;
  base_type: BaseType;
  strategy?: Strategy;
}

export interface WireHyperparameters {
  early_stopping_patience?: number;
  early_stopping_threshold?: number;
  train_batch_size?: number;
  train_epochs?: number;
  learning_rate?: number;
  lora_alpha?: number;
  lora_rank?: number;
  lora_target_modules?: LoraTargetModules;
}

/** What the emulator keeps of a WandbConfig: the api_key is used for the job and then forgotten. */
export interface WireWandbConfig {
  project: string;
  entity?: string;
}

/** A WandbConfig as clients send it, with the key the job uses. */
export interface WireWandbConfigRequest extends WireWandbConfig {
  api_key?: string;
}

export interface WireSettings {
  base_model: WireBaseModel;
  dataset_id: string;
  hyperparameters?: WireHyperparameters;
  multi_label?: boolean;
  wandb?: WireWandbConfig;
}

/** Settings as clients send them on create and update. */
export interface WireSettingsRequest extends Omit<WireSettings, "wandb"> {
  wandb?: WireWandbConfigRequest;
}

export interface WireFinetunedModel {
  id: string;
  name: string;
  creator_id: string;
  organization_id: string;
  settings: WireSettings;
  status: Status;
  created_at: string;
  updated_at: string;
  completed_at?: string;
  last_used?: string;
}

export interface WireEvent {
  user_id?: string;
  status: Status;
  created_at: string;
}

export interface WireTrainingStepMetrics {
  created_at: string;
  step_number: number;
  metrics: Record<string, number>;
}

export interface WireDatasetPart {
  id: string;
  name: string;
  index: number;
  size_bytes: number;
  num_rows: number;
}

export interface WireFinetuneDatasetMetrics {
  trainable_token_count: number;
  total_examples: number;
  train_examples: number;
  train_size_bytes: number;
  eval_examples: number;
  eval_size_bytes: number;
}

export interface WireDataset {
  id: string;
  name: string;
  created_at: string;
  updated_at: string;
  dataset_type: DatasetType;
  validation_status: ValidationStatus;
  validation_error?: string;
  validation_warnings?: string[];
  dataset_parts?: WireDatasetPart[];
  metrics?: { finetune_dataset_metrics: WireFinetuneDatasetMetrics };
}
