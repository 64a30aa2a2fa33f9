/** Plain (resolved) shapes of a FinetunedModel's inputs and outputs, as the provider sees them. */
import type { AutoNameInputs } from "../lifecycle/autoName";
import type { TimeoutsSpec } from "../lifecycle/resourceMetadata";
import type { BaseType, LoraTargetModules, Strategy } from "../cohere/enums";

export interface BaseModelSpec {
  baseType: BaseType;
  name?: string;
  strategy?: Strategy;
}

export interface HyperparametersSpec {
  earlyStoppingPatience?: number;
  earlyStoppingThreshold?: number;
  trainBatchSize?: number;
  trainEpochs?: number;
  learningRate?: number;
  loraAlpha?: number;
  loraRank?: number;
  loraTargetModules?: LoraTargetModules;
}

export interface WandbSpec {
  project: string;
  /** Absent in outputs: it is only sent when a training starts. */
  apiKey: string;
  entity?: string;
}

export interface SettingsSpec {
  baseModel: BaseModelSpec;
  datasetId: string;
  hyperparameters?: HyperparametersSpec;
  multiLabel?: boolean;
  wandb?: WandbSpec;
}

export interface FinetunedModelInputs extends AutoNameInputs {
  name?: string;
  settings: SettingsSpec;
  waitForReady?: boolean;
  adoptModelId?: string;
  timeouts?: TimeoutsSpec;
}

export interface FinetunedModelOutputs extends FinetunedModelInputs {
  name: string;
  status: string;
  createdAt?: string;
  updatedAt?: string;
  completedAt?: string;
  lastUsed?: string;
  creatorId?: string;
  organizationId?: string;
  baseModelVersion?: string;
  inferenceModelName: string;
}

/** The input keys the provider stores and compares; everything else in outputs comes from the service. */
export const finetunedModelInputKeys = [
  "name",
  "settings",
  "waitForReady",
  "adoptModelId",
  "timeouts",
  "resourceName",
  "autoNameScope",
  "nameIsGenerated",
] as const;
