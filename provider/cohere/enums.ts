/** Cohere's enum values, exactly as they travel on the wire. */

export const BaseType = {
  Unspecified: "BASE_TYPE_UNSPECIFIED",
  /** Deprecated by Cohere. */
  Generative: "BASE_TYPE_GENERATIVE",
  Classification: "BASE_TYPE_CLASSIFICATION",
  Rerank: "BASE_TYPE_RERANK",
  Chat: "BASE_TYPE_CHAT",
} as const;
export type BaseType = (typeof BaseType)[keyof typeof BaseType];

/** Deprecated by Cohere; kept so existing specs still validate. */
export const Strategy = {
  Unspecified: "STRATEGY_UNSPECIFIED",
  Vanilla: "STRATEGY_VANILLA",
  Tfew: "STRATEGY_TFEW",
} as const;
export type Strategy = (typeof Strategy)[keyof typeof Strategy];

export const LoraTargetModules = {
  Unspecified: "LORA_TARGET_MODULES_UNSPECIFIED",
  Qv: "LORA_TARGET_MODULES_QV",
  Qkvo: "LORA_TARGET_MODULES_QKVO",
  QkvoFfn: "LORA_TARGET_MODULES_QKVO_FFN",
} as const;
export type LoraTargetModules = (typeof LoraTargetModules)[keyof typeof LoraTargetModules];

export const Status = {
  Unspecified: "STATUS_UNSPECIFIED",
  Finetuning: "STATUS_FINETUNING",
  DeployingApi: "STATUS_DEPLOYING_API",
  Ready: "STATUS_READY",
  Failed: "STATUS_FAILED",
  Deleted: "STATUS_DELETED",
  TemporarilyOffline: "STATUS_TEMPORARILY_OFFLINE",
  Paused: "STATUS_PAUSED",
  Queued: "STATUS_QUEUED",
} as const;
export type Status = (typeof Status)[keyof typeof Status];

export const DatasetType = {
  ChatFinetuneInput: "chat-finetune-input",
  RerankerFinetuneInput: "reranker-finetune-input",
  SingleLabelClassificationFinetuneInput: "single-label-classification-finetune-input",
  MultiLabelClassificationFinetuneInput: "multi-label-classification-finetune-input",
} as const;
export type DatasetType = (typeof DatasetType)[keyof typeof DatasetType];

export const ValidationStatus = {
  Unknown: "unknown",
  Queued: "queued",
  Processing: "processing",
  Failed: "failed",
  Validated: "validated",
  Skipped: "skipped",
} as const;
export type ValidationStatus = (typeof ValidationStatus)[keyof typeof ValidationStatus];
