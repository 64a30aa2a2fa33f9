/** Wire values of Cohere's enums, kept separate from the provider's copy on purpose (see README.md). */

export const BaseType = {
  Unspecified: "BASE_TYPE_UNSPECIFIED",
  Generative: "BASE_TYPE_GENERATIVE",
  Classification: "BASE_TYPE_CLASSIFICATION",
  Rerank: "BASE_TYPE_RERANK",
  Chat: "BASE_TYPE_CHAT",
} as const;
export type BaseType = (typeof BaseType)[keyof typeof BaseType];
export const BASE_TYPES: readonly BaseType[] = Object.values(BaseType);

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

export const DatasetType = {
  EmbedInput: "embed-input",
  EmbedResult: "embed-result",
  ClusterResult: "cluster-result",
  ClusterOutliers: "cluster-outliers",
  RerankerFinetuneInput: "reranker-finetune-input",
  SingleLabelClassificationFinetuneInput: "single-label-classification-finetune-input",
  ChatFinetuneInput: "chat-finetune-input",
  MultiLabelClassificationFinetuneInput: "multi-label-classification-finetune-input",
  BatchChatInput: "batch-chat-input",
  BatchOpenaiChatInput: "batch-openai-chat-input",
  BatchEmbedV2Input: "batch-embed-v2-input",
  BatchChatV2Input: "batch-chat-v2-input",
} as const;
export type DatasetType = (typeof DatasetType)[keyof typeof DatasetType];
export const DATASET_TYPES: readonly DatasetType[] = Object.values(DatasetType);

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
