import * as pulumi from "@pulumi/pulumi";
import { BaseType, FinetunedModel, LoraTargetModules } from "pulumi-cohere-finetuning";

const config = new pulumi.Config();

const model = new FinetunedModel(
  "support-bot",
  {
    settings: {
      baseModel: { baseType: BaseType.Chat },
      datasetId: config.require("datasetId"),
      hyperparameters: {
        trainEpochs: config.getNumber("trainEpochs") ?? 1,
        learningRate: 0.01,
        loraTargetModules: LoraTargetModules.Qv,
      },
    },
  },
  // Trainings take hours; give up waiting (the model stays in the stack and keeps training) after 6.
  { customTimeouts: { create: "6h" } },
);

export const modelId = model.id;
export const modelName = model.name;
export const status = model.status;
export const inferenceModel = model.inferenceModelName;
