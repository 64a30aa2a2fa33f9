/** What a training the preview announces will process: the dataset's trainable tokens times the epochs. */
import type { CohereClient } from "../cohere/client";
import { containsUnknown } from "../lifecycle/rules";
import type { SettingsSpec } from "./types";

/** Cohere's default number of epochs. */
const defaultEpochs = 1;

/**
 * One GET of the dataset, made only for a create or a replacement (never for a no-op); "unknown" when the dataset
 * is not uploaded yet or has no metrics.
 */
export async function describeTrainingCost(client: CohereClient, settings: SettingsSpec): Promise<string> {
  const epochs = settings.hyperparameters?.trainEpochs ?? defaultEpochs;
  const tokens = containsUnknown(settings.datasetId)
    ? undefined
    : await trainableTokens(client, settings.datasetId);
  if (tokens === undefined)
    return `unknown trainable tokens (the dataset's size is not known yet) × ${epochs} epochs`;
  return `${tokens.toLocaleString("en-US")} trainable tokens × ${epochs} epochs = ${(tokens * epochs).toLocaleString("en-US")} tokens`;
}

async function trainableTokens(client: CohereClient, datasetId: string): Promise<number | undefined> {
  try {
    const dataset = await client.datasets.get(datasetId);
    return dataset.metrics?.finetune_dataset_metrics?.trainable_token_count;
  } catch {
    // The estimate is informative only: a dataset it cannot read must not fail the preview.
    return undefined;
  }
}
