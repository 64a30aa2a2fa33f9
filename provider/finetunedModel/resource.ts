/** The FinetunedModel resource: a Cohere fine-tuned model declared in a Pulumi program. */
import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf } from "../fields/resourceClass";
import { dynamicResourceClass } from "../lifecycle/dynamicResource";
import { finetunedModelOutputFields, type QualityGateSpec } from "./fields";
import type * as plain from "./types";

/** Each field's meaning, range and what a change of it does: finetunedModel/fields.ts and the README's tables. */
export type FinetunedModelArgs = ArgsOf<plain.FinetunedModelInputs>;
export type SettingsArgs = ArgsOf<plain.SettingsSpec>;
export type BaseModelArgs = ArgsOf<plain.BaseModelSpec>;
export type HyperparametersArgs = ArgsOf<plain.HyperparametersSpec>;
export type WandbArgs = ArgsOf<plain.WandbSpec>;
export type QualityGateArgs = ArgsOf<QualityGateSpec>;

export const FinetunedModel = dynamicResourceClass<FinetunedModelArgs, plain.FinetunedModelOutputs>(
  "FinetunedModel",
  "FinetunedModelProvider",
  finetunedModelOutputFields,
  (args) => ({ ...args, name: args.name, settings: withSecretWandbKey(args.settings) }),
);
export type FinetunedModel = InstanceType<typeof FinetunedModel>;

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
