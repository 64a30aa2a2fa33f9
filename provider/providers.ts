/**
 * The providers alone, without the resource classes or `@pulumi/pulumi`: what the small serialized provider of
 * an installed package loads in Pulumi's plugin process (see lifecycle/providerStub.ts).
 */
export { FinetunedModelProvider } from "./finetunedModel/provider";
export { DatasetProvider } from "./dataset/provider";
