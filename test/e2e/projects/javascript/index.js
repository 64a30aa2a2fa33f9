"use strict";
// A dataset uploaded from a file beside the program and a model trained on it, in plain JavaScript.
const path = require("path");
const pulumi = require("@pulumi/pulumi");
const { BaseType, Dataset, DatasetType, FinetunedModel } = require("pulumi-cohere-finetuning");

const config = new pulumi.Config();
const dataset = new Dataset("faq", {
  type: DatasetType.ChatFinetuneInput,
  dataFile: path.join(__dirname, "data", "faq.jsonl"),
});
const model = new FinetunedModel("faq-bot", {
  settings: {
    baseModel: { baseType: BaseType.Chat },
    datasetId: dataset.id,
    hyperparameters: { trainEpochs: config.getNumber("trainEpochs") || 1 },
  },
});

exports.datasetId = dataset.id;
exports.modelId = model.id;
exports.modelName = model.name;
exports.status = model.status;
