// A Cohere dataset and two fine-tuned models trained on it, through the cohere provider plugin's generated SDK.
import * as pulumi from "@pulumi/pulumi";
import * as cohere from "pulumi-cohere";

const config = new pulumi.Config();

// An explicit provider: every resource below names it, with its own key, endpoint and retrain guard.
const provider = new cohere.Provider("cohere", {
  apiKey: config.requireSecret("cohereApiKey"),
  baseUrl: config.get("cohereBaseUrl"),
  allowRetrain: config.getBoolean("allowRetrain") ?? false,
});
const onCohere: pulumi.CustomResourceOptions = { provider };
// A training takes hours at Cohere: the create waits that long before it counts as failed.
const trains: pulumi.CustomResourceOptions = { provider, customTimeouts: { create: "6h" } };

const dataset = new cohere.Dataset(
  "support-chat",
  {
    type: cohere.DatasetType.ChatFinetuneInput,
    dataFile: "data/support-chat.jsonl", // relative to this project's directory
  },
  onCohere,
);

const supportBot = new cohere.FinetunedModel(
  "support-bot",
  {
    settings: {
      baseModel: { baseType: cohere.BaseType.Chat },
      datasetId: dataset.id,
      hyperparameters: { trainEpochs: 1, learningRate: 0.01, loraTargetModules: cohere.LoraTargetModules.Qv },
      wandb: { project: "support-bot", apiKey: config.requireSecret("wandbApiKey") },
    },
    qualityGate: { minAccuracy: 0.6 },
  },
  trains,
);

const triageBot = new cohere.FinetunedModel(
  "triage-bot",
  {
    name: "triage-bot",
    settings: {
      baseModel: { baseType: cohere.BaseType.Chat },
      datasetId: dataset.id,
      hyperparameters: { trainEpochs: 2, trainBatchSize: 8 },
    },
    // This model may be retrained even while the provider forbids it for the rest of the stack.
    allowRetrain: true,
  },
  trains,
);

export const datasetId = dataset.id;
export const supportBotInferenceModel = supportBot.inferenceModelName;
export const supportBotAccuracy = supportBot.trainingMetrics.apply((metrics) => metrics?.accuracy);
export const triageBotInferenceModel = triageBot.inferenceModelName;
