/** The FinetunedModel resource: a Cohere fine-tuned model declared in a Pulumi program. */
import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf, OutputsOf } from "../fields/resourceClass";
import { unsetOutputs } from "../fields/resourceClass";
import { DynamicResource } from "../lifecycle/dynamicResource";
import { resourceMetadata, type ResourceMetadata } from "../lifecycle/resourceMetadata";
import { finetunedModelOutputFields, type QualityGateSpec } from "./fields";
import type * as plain from "./types";

/** Each field's meaning, range and what a change of it does: finetunedModel/fields.ts and the README's tables. */
export type FinetunedModelArgs = ArgsOf<Omit<plain.FinetunedModelInputs, keyof ResourceMetadata>>;
export type SettingsArgs = ArgsOf<plain.SettingsSpec>;
export type BaseModelArgs = ArgsOf<plain.BaseModelSpec>;
export type HyperparametersArgs = ArgsOf<plain.HyperparametersSpec>;
export type WandbArgs = ArgsOf<plain.WandbSpec>;
export type QualityGateArgs = ArgsOf<QualityGateSpec>;

// The outputs come from the field tables, so a class cannot miss or mistype one; the interface only adds types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface FinetunedModel extends OutputsOf<
  Omit<plain.FinetunedModelOutputs, keyof ResourceMetadata>
> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class FinetunedModel extends DynamicResource {
  constructor(name: string, args: FinetunedModelArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      name: args.name,
      settings: withSecretWandbKey(args.settings),
      ...resourceMetadata(name, opts),
      ...unsetOutputs(finetunedModelOutputFields),
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
