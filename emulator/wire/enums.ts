/** Wire values of Cohere's enums, kept separate from the provider's copy on purpose (see design.md). */

export const BASE_TYPES = [
  "BASE_TYPE_UNSPECIFIED",
  "BASE_TYPE_GENERATIVE",
  "BASE_TYPE_CLASSIFICATION",
  "BASE_TYPE_RERANK",
  "BASE_TYPE_CHAT",
] as const;
export type BaseType = (typeof BASE_TYPES)[number];

export const STRATEGIES = ["STRATEGY_UNSPECIFIED", "STRATEGY_VANILLA", "STRATEGY_TFEW"] as const;
export type Strategy = (typeof STRATEGIES)[number];

export const LORA_TARGET_MODULES = [
  "LORA_TARGET_MODULES_UNSPECIFIED",
  "LORA_TARGET_MODULES_QV",
  "LORA_TARGET_MODULES_QKVO",
  "LORA_TARGET_MODULES_QKVO_FFN",
] as const;
export type LoraTargetModules = (typeof LORA_TARGET_MODULES)[number];

export const STATUSES = [
  "STATUS_UNSPECIFIED",
  "STATUS_FINETUNING",
  "STATUS_DEPLOYING_API",
  "STATUS_READY",
  "STATUS_FAILED",
  "STATUS_DELETED",
  "STATUS_TEMPORARILY_OFFLINE",
  "STATUS_PAUSED",
  "STATUS_QUEUED",
] as const;
export type Status = (typeof STATUSES)[number];

export const DATASET_TYPES = [
  "embed-input",
  "embed-result",
  "cluster-result",
  "cluster-outliers",
  "reranker-finetune-input",
  "single-label-classification-finetune-input",
  "chat-finetune-input",
  "multi-label-classification-finetune-input",
  "batch-chat-input",
  "batch-openai-chat-input",
  "batch-embed-v2-input",
  "batch-chat-v2-input",
] as const;
export type DatasetType = (typeof DATASET_TYPES)[number];

export const VALIDATION_STATUSES = [
  "unknown",
  "queued",
  "processing",
  "failed",
  "validated",
  "skipped",
] as const;
export type ValidationStatus = (typeof VALIDATION_STATUSES)[number];

export function isOneOf<T extends string>(values: readonly T[], value: unknown): value is T {
  return typeof value === "string" && (values as readonly string[]).includes(value);
}
