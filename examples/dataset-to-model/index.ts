import * as path from "node:path";
import { BaseType, Dataset, DatasetType, FinetunedModel } from "pulumi-cohere-finetuning";

// Editing the file changes its hash: the dataset is uploaded again and the model retrained on it.
const dataset = new Dataset("faq", {
  type: DatasetType.ChatFinetuneInput,
  dataFile: path.join(__dirname, "data", "faq.jsonl"),
});

const model = new FinetunedModel("faq-bot", {
  settings: {
    baseModel: { baseType: BaseType.Chat },
    datasetId: dataset.id,
    hyperparameters: { trainEpochs: 1 },
  },
});

export const datasetId = dataset.id;
export const trainExamples = dataset.trainExamples;
export const modelId = model.id;
export const status = model.status;
export const inferenceModel = model.inferenceModelName;
