/** Validates a FinetunedModel spec against Cohere's documented rules, before any API call. */
import { BaseType, LoraTargetModules, Strategy } from "../cohere/enums";
import { CheckFailure, FailureCollector } from "../lifecycle/rules";
import { finetunedModelInputKeys } from "./types";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const trainableBaseTypes = [BaseType.Chat, BaseType.Classification, BaseType.Rerank];
const rerankModelNames = ["english", "multilingual"];

/** `__provider` is the serialized provider the dynamic resource host adds to every resource's inputs. */
const inputFields = [...finetunedModelInputKeys, "__provider"];
const settingsFields = ["baseModel", "datasetId", "hyperparameters", "multiLabel", "wandb"];

export function validateFinetunedModel(inputs: Record<string, unknown>): CheckFailure[] {
  const check = new FailureCollector();
  check.onlyKnownKeys("", inputs, inputFields);
  check.string("name", inputs.name, false);
  check.boolean("waitForReady", inputs.waitForReady, false);
  check.string("adoptModelId", inputs.adoptModelId, false, {
    pattern: uuidPattern,
    hint: "must be a fine-tuned model id (a UUID)",
  });
  check.timeouts(inputs.timeouts);

  const settings = check.object("settings", inputs.settings, true);
  if (settings) validateSettings(check, settings);
  return check.failures;
}

function validateSettings(check: FailureCollector, settings: Record<string, unknown>): void {
  check.onlyKnownKeys("settings", settings, settingsFields);
  check.string("settings.datasetId", settings.datasetId, true);

  const baseModel = check.object("settings.baseModel", settings.baseModel, true);
  const baseType = baseModel?.baseType;
  if (baseModel) {
    check.onlyKnownKeys("settings.baseModel", baseModel, ["baseType", "name", "strategy"]);
    if (baseType === BaseType.Generative) {
      check.fail(
        "settings.baseModel.baseType",
        `settings.baseModel.baseType ${BaseType.Generative} is deprecated by Cohere and no longer trains; use ${BaseType.Chat}`,
      );
    } else {
      check.oneOf("settings.baseModel.baseType", baseType, true, trainableBaseTypes);
    }
    check.oneOf("settings.baseModel.strategy", baseModel.strategy, false, Object.values(Strategy));
    if (baseType === BaseType.Rerank) {
      check.oneOf("settings.baseModel.name", baseModel.name, false, rerankModelNames);
    } else {
      check.string("settings.baseModel.name", baseModel.name, false);
    }
  }

  check.boolean("settings.multiLabel", settings.multiLabel, false);
  if (
    settings.multiLabel !== undefined &&
    typeof baseType === "string" &&
    baseType !== BaseType.Classification
  ) {
    check.fail(
      "settings.multiLabel",
      `settings.multiLabel applies only to ${BaseType.Classification} models, not ${baseType}`,
    );
  }

  const hyperparameters = check.object("settings.hyperparameters", settings.hyperparameters, false);
  if (hyperparameters) validateHyperparameters(check, hyperparameters);

  const wandb = check.object("settings.wandb", settings.wandb, false);
  if (wandb) {
    check.onlyKnownKeys("settings.wandb", wandb, ["project", "apiKey", "entity"]);
    check.string("settings.wandb.project", wandb.project, true);
    check.string("settings.wandb.apiKey", wandb.apiKey, true);
    check.string("settings.wandb.entity", wandb.entity, false);
    if (typeof baseType === "string" && baseType !== BaseType.Chat) {
      check.fail("settings.wandb", `settings.wandb applies only to ${BaseType.Chat} models, not ${baseType}`);
    }
  }
}

function validateHyperparameters(check: FailureCollector, hp: Record<string, unknown>): void {
  const path = (key: string) => `settings.hyperparameters.${key}`;
  check.onlyKnownKeys("settings.hyperparameters", hp, [
    "earlyStoppingPatience",
    "earlyStoppingThreshold",
    "trainBatchSize",
    "trainEpochs",
    "learningRate",
    "loraAlpha",
    "loraRank",
    "loraTargetModules",
  ]);
  check.number(path("trainEpochs"), hp.trainEpochs, { integer: true, min: 1, max: 10 });
  check.number(path("learningRate"), hp.learningRate, { min: 0.00005, max: 0.1 });
  check.number(path("trainBatchSize"), hp.trainBatchSize, { integer: true, min: 2, max: 16 });
  check.number(path("earlyStoppingThreshold"), hp.earlyStoppingThreshold, { min: 0.001, max: 0.1 });
  check.number(path("earlyStoppingPatience"), hp.earlyStoppingPatience, { integer: true, min: 0, max: 10 });
  check.number(path("loraAlpha"), hp.loraAlpha, { integer: true, min: 1 });
  check.number(path("loraRank"), hp.loraRank, { integer: true, min: 1 });
  check.oneOf(path("loraTargetModules"), hp.loraTargetModules, false, Object.values(LoraTargetModules));
}
