/** Plain (resolved) shapes of a FinetunedModel's inputs and outputs, as the provider sees them: from its fields. */
import type { ValuesOf } from "../fields/field";
import { finetunedModelFields, finetunedModelOutputFields, type settingsFields } from "./fields";

export type SettingsSpec = ValuesOf<typeof settingsFields>;
export type BaseModelSpec = SettingsSpec["baseModel"];
export type HyperparametersSpec = NonNullable<SettingsSpec["hyperparameters"]>;
export type WandbSpec = NonNullable<SettingsSpec["wandb"]>;

export type FinetunedModelInputs = ValuesOf<typeof finetunedModelFields>;

type ReportedFields = ValuesOf<typeof finetunedModelOutputFields>;

/** What Cohere reports a model was trained with, in the declared shape (wandb without its key). */
export type TrainedSettings = NonNullable<ReportedFields["trainedSettings"]>;

/** The declared inputs (the W&B key left out, a name always there), and what Cohere reports. */
export type FinetunedModelOutputs = Omit<FinetunedModelInputs, "name"> & { name: string } & ReportedFields;

/** The input keys the provider stores and compares; everything else in outputs comes from the service. */
export const finetunedModelInputKeys = Object.keys(finetunedModelFields) as (keyof FinetunedModelInputs)[];

export const finetunedModelOutputKeys = Object.keys(finetunedModelOutputFields);
