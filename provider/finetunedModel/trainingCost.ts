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
  return `${grouped(tokens)} trainable tokens × ${epochs} epochs = ${grouped(tokens * epochs)} tokens`;
}

/** 1234567 as "1,234,567". Not toLocaleString: its locale data adds about 7 MiB to the provider process. */
function grouped(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
