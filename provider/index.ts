/** Public entry point of the package. */
export { FinetunedModel } from "./finetunedModel/resource";
export type {
  FinetunedModelArgs,
  SettingsArgs,
  BaseModelArgs,
  HyperparametersArgs,
  QualityGateArgs,
  WandbArgs,
} from "./finetunedModel/resource";
export { hyperparameterRules } from "./finetunedModel/hyperparameters";
export { FinetunedModelProvider } from "./providers";
export { BaseType, Strategy, LoraTargetModules, Status, DatasetType, ValidationStatus } from "./cohere/enums";
export * from "./cohere/errors";
export { Dataset } from "./dataset/resource";
export type { DatasetArgs } from "./dataset/resource";
export { DatasetProvider } from "./providers";
export { declareStackFromConfig } from "./stack/declareStack";
export type { DeclaredModel } from "./stack/declareStack";
export { parseStackSpec, StackConfigError } from "./stack/stackSpec";
export type { StackSpec, ModelEntry, DatasetEntry } from "./stack/stackSpec";
