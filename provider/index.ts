/** Public entry point of the package. */
export { FinetunedModel } from "./finetunedModel";
export type {
  FinetunedModelArgs,
  SettingsArgs,
  BaseModelArgs,
  HyperparametersArgs,
  WandbArgs,
} from "./finetunedModel";
export { FinetunedModelProvider } from "./finetunedModelProvider";
export { BaseType, Strategy, LoraTargetModules, Status, DatasetType, ValidationStatus } from "./enums";
export * from "./cohere/errors";
export { Dataset } from "./dataset";
export type { DatasetArgs } from "./dataset";
export { DatasetProvider } from "./datasetProvider";
export { declareStackFromConfig } from "./declarative/declareStack";
export type { DeclaredModel } from "./declarative/declareStack";
export { parseStackSpec, StackConfigError } from "./declarative/stackSpec";
export type { StackSpec, ModelEntry, DatasetEntry } from "./declarative/stackSpec";
