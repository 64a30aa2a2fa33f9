/** The base of the resource classes: a Pulumi dynamic resource whose provider is the installed package's. */
import * as pulumi from "@pulumi/pulumi";
import { ProviderExport, providerModuleText } from "./providerStub";

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
