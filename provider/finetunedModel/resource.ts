/** The FinetunedModel resource: a Cohere fine-tuned model declared in a Pulumi program. */
import * as pulumi from "@pulumi/pulumi";
import type { BaseType, Strategy } from "../cohere/enums";
import type { HyperparametersSpec, TrainedSettings } from "./types";
import { DynamicResource } from "../lifecycle/dynamicResource";
import { resourceMetadata } from "../lifecycle/resourceMetadata";

export interface BaseModelArgs {
  /** The kind of model to fine-tune, e.g. `BaseType.Chat`. Changing it trains a new model. */
  baseType: pulumi.Input<BaseType>;
  /** The base model's name; rerank models take `english` or `multilingual`. Changing it trains a new model. */
  name?: pulumi.Input<string>;
  /** Deprecated by Cohere: the fine-tuning strategy. Changing it trains a new model. */
  strategy?: pulumi.Input<Strategy>;
}

/**
 * Training hyperparameters; every one is optional (Cohere picks a default) and changing any of them trains a new
 * model. The ranges and defaults are in the README's table, generated from `hyperparameterRules`.
 */
export type HyperparametersArgs = { [K in keyof HyperparametersSpec]: pulumi.Input<HyperparametersSpec[K]> };

/** Weights & Biases reporting (chat models only). Changing it never retrains: it is recorded without an API call. */
export interface WandbArgs {
  /** The W&B project to log to. */
  project: pulumi.Input<string>;
  /** The W&B API key; always stored as a Pulumi secret. Cohere deletes it after the job. */
  apiKey: pulumi.Input<string>;
  /** The W&B entity (team or user). */
  entity?: pulumi.Input<string>;
}

export interface SettingsArgs {
  /** The model to fine-tune. */
  baseModel: pulumi.Input<BaseModelArgs>;
  /** The id of a validated Cohere dataset (e.g. a `Dataset` resource's `id`). Changing it trains a new model. */
  datasetId: pulumi.Input<string>;
  /** Training hyperparameters. */
  hyperparameters?: pulumi.Input<HyperparametersArgs>;
  /** Multi-label classification (classification models only). Changing it trains a new model. */
  multiLabel?: pulumi.Input<boolean>;
  /** Weights & Biases reporting (chat models only). */
  wandb?: pulumi.Input<WandbArgs>;
}

export interface FinetunedModelArgs {
  /**
   * The model's name at Cohere. Renaming updates it in place. When omitted it is `<resource name>-<suffix>`,
   * stable across runs and fresh on replacement.
   */
  name?: pulumi.Input<string>;
  /** What to train. */
  settings: pulumi.Input<SettingsArgs>;
  /**
   * Wait until the model is READY before the resource counts as created (default true). The wait honours
   * `customTimeouts.create` (default 24h); a model that fails or times out stays in the stack.
   */
  waitForReady?: pulumi.Input<boolean>;
  /**
   * Manage an existing fine-tuned model with this id instead of training a new one (`pulumi import` cannot work
   * with dynamic resources). The declared settings must be the ones it was trained with; it keeps its name unless
   * `name` is declared.
   */
  adoptModelId?: pulumi.Input<string>;
  /**
   * Whether a change may start a new (paid) training of this model: a replacement, or a retraining after FAILED or
   * drift. False makes such a change fail at preview, naming the fields; creating the model is always allowed.
   * Defaults to the stack config `cohere:allowRetrain`, else true.
   */
  allowRetrain?: pulumi.Input<boolean>;
  /**
   * Thresholds the training's last evaluation must meet. A model that ends READY but misses one fails the create
   * or replacement and stays in the stack, while the model it replaces keeps serving.
   */
  qualityGate?: pulumi.Input<QualityGateArgs>;
  /**
   * The most tokens (the dataset's trainable tokens × epochs) one training of this model may process; overrides
   * the stack config `cohere:maxTrainingTokens`. A training over it fails at preview when the dataset's size is
   * known, otherwise before its create is sent. Changing it makes no API call.
   */
  maxTrainingTokens?: pulumi.Input<number>;
}

export interface QualityGateArgs {
  /** The lowest acceptable `accuracy`, 0–1. */
  minAccuracy?: pulumi.Input<number>;
  /** The highest acceptable `crossEntropy`. */
  maxCrossEntropy?: pulumi.Input<number>;
}

export class FinetunedModel extends DynamicResource {
  /** The model's name at Cohere. */
  declare readonly name: pulumi.Output<string>;
  /** The declared settings (the wandb API key stays a secret). */
  declare readonly settings: pulumi.Output<SettingsArgs>;
  /** Cohere's status, e.g. `STATUS_READY`; see `Status`. */
  declare readonly status: pulumi.Output<string>;
  declare readonly createdAt: pulumi.Output<string | undefined>;
  declare readonly updatedAt: pulumi.Output<string | undefined>;
  declare readonly completedAt: pulumi.Output<string | undefined>;
  declare readonly lastUsed: pulumi.Output<string | undefined>;
  declare readonly creatorId: pulumi.Output<string | undefined>;
  declare readonly organizationId: pulumi.Output<string | undefined>;
  /** The version of the base model that Cohere reports having trained from. */
  declare readonly baseModelVersion: pulumi.Output<string | undefined>;
  /** The model name to use for inference: `<id>-ft`. */
  declare readonly inferenceModelName: pulumi.Output<string>;
  /** What Cohere reports the model was trained with (its defaults filled in; the wandb key never). */
  declare readonly trainedSettings: pulumi.Output<TrainedSettings | undefined>;
  /** The metrics of the training's last evaluation, camelCase: `accuracy`, `crossEntropy`, ... */
  declare readonly trainingMetrics: pulumi.Output<Record<string, number> | undefined>;
  /** The step of that last evaluation. */
  declare readonly trainingSteps: pulumi.Output<number | undefined>;

  constructor(name: string, args: FinetunedModelArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      name: args.name,
      settings: withSecretWandbKey(args.settings),
      ...resourceMetadata(name, opts),
      status: undefined,
      createdAt: undefined,
      updatedAt: undefined,
      completedAt: undefined,
      lastUsed: undefined,
      creatorId: undefined,
      organizationId: undefined,
      baseModelVersion: undefined,
      inferenceModelName: undefined,
      trainedSettings: undefined,
      trainingMetrics: undefined,
      trainingSteps: undefined,
    };
    super("FinetunedModel", "FinetunedModelProvider", name, props, opts);
  }
}

/** A W&B key must never land in state in clear, whether or not the program marked it secret. */
function withSecretWandbKey(settings: pulumi.Input<SettingsArgs>): pulumi.Input<unknown> {
  if (pulumi.Output.isInstance(settings) || settings instanceof Promise) {
    return pulumi
      .output(settings)
      .apply((resolved) => (resolved.wandb ? pulumi.secret(resolved) : pulumi.output(resolved)));
  }
  const wandb = settings.wandb;
  if (!wandb) return settings;
  if (pulumi.Output.isInstance(wandb) || wandb instanceof Promise)
    return { ...settings, wandb: pulumi.secret(wandb) };
  return { ...settings, wandb: { ...wandb, apiKey: pulumi.secret(wandb.apiKey) } };
}
