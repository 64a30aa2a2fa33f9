/** The FinetunedModel resource: a Cohere fine-tuned model declared in a Pulumi program. */
import * as pulumi from "@pulumi/pulumi";
import type { BaseType, LoraTargetModules, Strategy } from "../cohere/enums";
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

/** Training hyperparameters; every one is optional, and changing any of them trains a new model. */
export interface HyperparametersArgs {
  /** Evaluations without improvement before training stops early: 0–10 (Cohere's default 10). */
  earlyStoppingPatience?: pulumi.Input<number>;
  /** Minimum loss improvement that counts as improvement: 0.001–0.1 (default 0.001). */
  earlyStoppingThreshold?: pulumi.Input<number>;
  /** Examples per training step: 2–16 (default 16). */
  trainBatchSize?: pulumi.Input<number>;
  /** Passes over the training data: 1–10 (default 1). */
  trainEpochs?: pulumi.Input<number>;
  /** Optimizer learning rate: 0.00005–0.1 (default 0.01). */
  learningRate?: pulumi.Input<number>;
  /** LoRA scaling factor, a positive whole number (range not documented by Cohere). */
  loraAlpha?: pulumi.Input<number>;
  /** LoRA rank, a positive whole number (range not documented by Cohere). */
  loraRank?: pulumi.Input<number>;
  /** Which attention/FFN modules LoRA adapts. */
  loraTargetModules?: pulumi.Input<LoraTargetModules>;
}

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
  /** Manage an existing fine-tuned model with this id instead of training a new one (`pulumi import` cannot). */
  adoptModelId?: pulumi.Input<string>;
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
