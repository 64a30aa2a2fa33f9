import { BaseType } from "../wire/enums";
import type { ModelRecord, TrainingPolicy } from "./finetunedModels";
import { newModelId } from "./ids";
import { startRun } from "./lifecycle";
import { totalTrainingSteps } from "./trainingMetrics";

/** READY models for benchmarks of large accounts, created evenly between the two ages, oldest first. */
export interface SeedModelsInput {
  count: number;
  datasetId?: string;
  namePrefix: string;
  oldestAgeMs: number;
  newestAgeMs: number;
}

/** What seeded models train on when no dataset is named: like a dataset Cohere has since expired. */
const SEEDED_DATASET_ID = "seeded-dataset";

export function seededModels(
  { count, datasetId, namePrefix, oldestAgeMs, newestAgeMs }: SeedModelsInput,
  context: { now: number; policy: TrainingPolicy; trainExamples: number; nextSeq: () => number },
): ModelRecord[] {
  const { now, policy } = context;
  const totalSteps = totalTrainingSteps(context.trainExamples);
  const width = String(count).length;
  return Array.from({ length: count }, (_, i): ModelRecord => {
    const share = count === 1 ? 0 : i / (count - 1);
    const createdAt = Math.round(now - oldestAgeMs + share * (oldestAgeMs - newestAgeMs));
    // Trained within its age, so it is READY now.
    const run = startRun(createdAt, Math.min(policy.trainingMs, now - createdAt), policy.phases, false);
    return {
      id: newModelId(),
      seq: context.nextSeq(),
      name: `${namePrefix}-${String(i).padStart(width, "0")}`,
      settings: { base_model: { base_type: BaseType.Chat }, dataset_id: datasetId ?? SEEDED_DATASET_ID },
      createdAt,
      updatedAt: createdAt,
      history: [],
      run,
      totalSteps,
    };
  });
}
