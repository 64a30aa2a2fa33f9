/**
 * N FinetunedModels on one dataset, as a user declares them; the bench sets the count and the dataset in config,
 * and `namePrefix` when the models are to have explicit names rather than generated ones.
 */
import * as pulumi from "@pulumi/pulumi";
import { BaseType, FinetunedModel } from "pulumi-cohere-finetuning";

const config = new pulumi.Config("bench");
const count = config.requireNumber("count");
const datasetId = config.require("datasetId");
const namePrefix = config.get("namePrefix");

for (let i = 0; i < count; i++) {
  new FinetunedModel(`model-${i}`, {
    name: namePrefix === undefined ? undefined : `${namePrefix}-${i}`,
    settings: { baseModel: { baseType: BaseType.Chat }, datasetId, hyperparameters: { trainEpochs: 1 } },
  });
}
