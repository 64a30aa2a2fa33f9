/** Plain (resolved) shapes of a FinetunedModel's inputs and outputs, as the provider sees them. */
import type { ResourceMetadata } from "../lifecycle/resourceMetadata";
import type { BaseType, Strategy } from "../cohere/enums";
import type { HyperparametersSpec } from "./hyperparameters";

export interface BaseModelSpec {
  baseType: BaseType;
  name?: string;
  strategy?: Strategy;
}

export type { HyperparametersSpec };

export interface WandbSpec {
  project: string;
  /** Absent in outputs: it is only sent when a training starts. */
  apiKey: string;
  entity?: string;
}

export interface SettingsSpec {
  baseModel: BaseModelSpec;
  datasetId: string;
  hyperparameters?: HyperparametersSpec | null;
  multiLabel?: boolean;
  wandb?: WandbSpec;
}

/** Thresholds a training's last evaluation must meet; a miss fails the create, keeping the model in the stack. */
export interface QualityGateSpec {
  minAccuracy?: number;
  maxCrossEntropy?: number;
}

export interface FinetunedModelInputs extends ResourceMetadata {
  /** Declared; absent when the provider generates one. */
  name?: string;
  settings: SettingsSpec;
  waitForReady?: boolean;
  adoptModelId?: string;
  /** False: a change that would start a new training fails (the stack-wide default is `cohere:allowRetrain`). */
  allowRetrain?: boolean;
  qualityGate?: QualityGateSpec;
  /** The most tokens (trainable tokens × epochs) one training of this model may process. */
  maxTrainingTokens?: number;
}

/** What Cohere reports a model was trained with, in the declared shape (wandb without its key). */
export type TrainedSettings = Omit<SettingsSpec, "wandb"> & { wandb?: Omit<WandbSpec, "apiKey"> };

export interface FinetunedModelOutputs extends FinetunedModelInputs {
  /** The model's name at Cohere. */
  name: string;
  /** True when no name was declared: the provider chose it (or kept an adopted model's). */
  nameIsGenerated?: boolean;
  status: string;
  createdAt?: string;
  updatedAt?: string;
  completedAt?: string;
  lastUsed?: string;
  creatorId?: string;
  organizationId?: string;
  baseModelVersion?: string;
  inferenceModelName: string;
  trainedSettings?: TrainedSettings;
  /** The last evaluation's metrics, camelCase (`accuracy`, `crossEntropy`, ...). */
  trainingMetrics?: Record<string, number>;
  /** The step of that last evaluation. */
  trainingSteps?: number;
}

/** The input keys the provider stores and compares; everything else in outputs comes from the service. */
export const finetunedModelInputKeys = [
  "name",
  "settings",
  "waitForReady",
  "adoptModelId",
  "allowRetrain",
  "qualityGate",
  "maxTrainingTokens",
  "timeouts",
  "resourceName",
  "autoNameScope",
] as const;
