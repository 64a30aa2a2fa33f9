/** A dynamic resource whose provider does nothing: what the engine and the dynamic-provider host cost on their own. */
import * as pulumi from "@pulumi/pulumi";

const noopProvider: pulumi.dynamic.ResourceProvider = {
  async create(inputs: Record<string, unknown>) {
    return { id: `noop-${inputs.index}`, outs: inputs };
  },
};

export const NOOP_RESOURCE_TYPE = "pulumi-nodejs:dynamic/bench:Noop";

export class NoopResource extends pulumi.dynamic.Resource {
  constructor(name: string, index: number) {
    super(noopProvider, name, { index }, undefined, "bench", "Noop");
  }
}
