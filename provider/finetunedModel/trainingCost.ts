/** What a training processes: the dataset's trainable tokens times the epochs, as the preview announces it. */
import type { WireDataset } from "../cohere/wireTypes";
import { countOf, grouped } from "../lifecycle/counts";
import type { SettingsSpec } from "./types";

/** Cohere's default number of epochs. */
export const defaultEpochs = 1;

export interface TrainingTokens {
  trainable: number;
  epochs: number;
  /** What the training processes: trainable tokens × epochs. */
  total: number;
}

/** Undefined while the dataset is not uploaded yet, or reports no size. */
export function trainingTokens(
  settings: SettingsSpec,
  dataset: WireDataset | undefined,
): TrainingTokens | undefined {
  const trainable = dataset?.metrics?.finetune_dataset_metrics?.trainable_token_count;
  const epochs = settings.hyperparameters?.trainEpochs ?? defaultEpochs;
  // Epochs not known yet at preview make the size unknown too.
  if (trainable === undefined || typeof epochs !== "number") return undefined;
  return { trainable, epochs, total: trainable * epochs };
}

/** "898 trainable tokens × 2 epochs = 1,796 tokens"; a dataset not uploaded yet announces its own estimate. */
export function describeTrainingCost(settings: SettingsSpec, dataset: WireDataset | undefined): string {
  const tokens = trainingTokens(settings, dataset);
  if (!tokens) {
    const epochs = settings.hyperparameters?.trainEpochs ?? defaultEpochs;
    const times = typeof epochs === "number" ? countOf(epochs, "epoch") : "epochs not known yet";
    return `${times} on a dataset whose size Cohere reports once it is uploaded`;
  }
  return `${grouped(tokens.trainable)} trainable tokens × ${countOf(tokens.epochs, "epoch")} = ${grouped(tokens.total)} tokens`;
}
