/**
 * The floor: N dynamic resources registered exactly as the package registers its own (a `CustomResource` of type
 * `pulumi-nodejs:dynamic/<module>:<Type>` whose `__provider` is module text exporting `handler`), with a provider
 * that does nothing. An `up` of these costs what the engine and Pulumi's dynamic-provider host cost on their own.
 */
import * as pulumi from "@pulumi/pulumi";

const doNothingProvider =
  "exports.handler=()=>({create:async(inputs)=>({id:String(inputs.index),outs:inputs})});";

class DoNothing extends pulumi.CustomResource {
  constructor(name: string, index: number) {
    super("pulumi-nodejs:dynamic/bench:DoNothing", name, { index, __provider: doNothingProvider });
  }
}

const count = new pulumi.Config("bench").requireNumber("count");
for (let i = 0; i < count; i++) new DoNothing(`noop-${i}`, i);
