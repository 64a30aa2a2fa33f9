/** The base of the resource classes: a Pulumi dynamic resource whose provider is the installed package's. */
import * as pulumi from "@pulumi/pulumi";
import type { FieldTable } from "../fields/field";
import { type OutputsOf, unsetOutputs } from "../fields/resourceClass";
import { ProviderExport, providerModuleText } from "./providerStub";
import { resourceMetadata } from "./resourceMetadata";

/**
 * What `pulumi.dynamic.Resource` registers (the `pulumi-nodejs:dynamic/<module>:<type>` token, the provider's
 * module text as the `__provider` input), with that text written by this package instead of serialized by Pulumi.
 */
export abstract class DynamicResource extends pulumi.CustomResource {
  protected constructor(
    type: string,
    providerExport: ProviderExport,
    name: string,
    props: pulumi.Inputs,
    opts: pulumi.CustomResourceOptions | undefined,
  ) {
    super(
      `pulumi-nodejs:dynamic/cohere:${type}`,
      name,
      { ...props, __provider: providerModuleText(providerExport) },
      opts,
    );
  }
}

export type DynamicResourceClass<Args, Outputs> = new (
  name: string,
  args: Args,
  opts?: pulumi.CustomResourceOptions,
) => DynamicResource & OutputsOf<Outputs>;

/**
 * A resource class whose outputs are its table's: each one registered unset, for its provider to fill in, and
 * typed, so a class can neither miss nor mistype one. `declared` is what the program's arguments send as inputs;
 * the host's bookkeeping is added to them (see resourceMetadata.ts).
 */
export function dynamicResourceClass<Args, Outputs>(
  type: string,
  providerExport: ProviderExport,
  outputFields: FieldTable,
  declared: (args: Args) => pulumi.Inputs,
): DynamicResourceClass<Args, Outputs> {
  class Resource extends DynamicResource {
    constructor(name: string, args: Args, opts?: pulumi.CustomResourceOptions) {
      const props = { ...declared(args), ...resourceMetadata(name, opts), ...unsetOutputs(outputFields) };
      super(type, providerExport, name, props, opts);
    }
  }
  Object.defineProperty(Resource, "name", { value: type });
  // The outputs are registered, unset, above; the engine sets each one.
  return Resource as unknown as DynamicResourceClass<Args, Outputs>;
}
