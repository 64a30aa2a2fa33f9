/** Cohere's fine-tuning and datasets wire format (snake_case, as sent and received over HTTP). */

export interface WireBaseModel {
  base_type: string;
  name?: string;
  version?: string;
  strategy?: string;
}

export interface WireHyperparameters {
  early_stopping_patience?: number;
  early_stopping_threshold?: number;
  train_batch_size?: number;
  train_epochs?: number;
  learning_rate?: number;
  lora_alpha?: number;
  lora_rank?: number;
  lora_target_modules?: string;
}

export interface WireWandbConfig {
  project: string;
  api_key: string;
  entity?: string;
}

export interface WireSettings {
  base_model: WireBaseModel;
  dataset_id: string;
  hyperparameters?: WireHyperparameters;
  multi_label?: boolean;
  wandb?: WireWandbConfig;
}

export interface WireFinetunedModel {
  id?: string;
  name: string;
  creator_id?: string;
  organization_id?: string;
  settings: WireSettings;
  status?: string;
  created_at?: string;
  updated_at?: string;
  completed_at?: string;
  last_used?: string;
}

export interface WireListFinetunedModelsResponse {
  finetuned_models: WireFinetunedModel[];
  next_page_token: string;
  total_size: number;
}

export interface WireTrainingStepMetrics {
  created_at?: string;
  step_number?: number;
  metrics?: Record<string, number>;
}

export interface WireListTrainingStepMetricsResponse {
  step_metrics: WireTrainingStepMetrics[];
  next_page_token: string;
}

export interface WireDatasetPart {
  id?: string;
  name?: string;
  url?: string;
  index?: number;
  size_bytes?: number;
  num_rows?: number;
}

export interface WireFinetuneDatasetMetrics {
  trainable_token_count?: number;
  total_examples?: number;
  train_examples?: number;
  train_size_bytes?: number;
  eval_examples?: number;
  eval_size_bytes?: number;
}

export interface WireDataset {
  id: string;
  name: string;
  created_at?: string;
  updated_at?: string;
  dataset_type: string;
  validation_status: string;
  validation_error?: string;
  validation_warnings?: string[];
  dataset_parts?: WireDatasetPart[];
  metrics?: { finetune_dataset_metrics?: WireFinetuneDatasetMetrics };
}

export interface WireListDatasetsResponse {
  datasets: WireDataset[];
}

export interface WireFinetunedModelResponse {
  finetuned_model: WireFinetunedModel;
}

export interface WireGetDatasetResponse {
  dataset: WireDataset;
}

export interface WireCreateDatasetResponse {
  id: string;
}
