/**
 * The providers alone, without the resource classes or `@pulumi/pulumi`: what the small serialized provider of
 * an installed package loads in Pulumi's plugin process (see serializableProvider.ts).
 */
export { FinetunedModelProvider } from "./finetunedModelProvider";
export { DatasetProvider } from "./datasetProvider";
