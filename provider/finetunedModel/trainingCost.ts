/** What a training the preview announces will process: the dataset's trainable tokens times the epochs. */
import type { WireDataset } from "../cohere/wire";
import type { SettingsSpec } from "./types";

/** Cohere's default number of epochs. */
export const defaultEpochs = 1;

/** "unknown" when the dataset is not uploaded yet or reports no metrics. */
export function describeTrainingCost(settings: SettingsSpec, dataset: WireDataset | undefined): string {
  const epochs = settings.hyperparameters?.trainEpochs ?? defaultEpochs;
  const tokens = dataset?.metrics?.finetune_dataset_metrics?.trainable_token_count;
  if (tokens === undefined)
    return `unknown trainable tokens (the dataset's size is not known yet) × ${epochs} epochs`;
  const total = (tokens * epochs).toLocaleString("en-US");
  return `${tokens.toLocaleString("en-US")} trainable tokens × ${epochs} epochs = ${total} tokens`;
}
