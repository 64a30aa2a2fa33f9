/** Validates a FinetunedModel spec against Cohere's documented rules, before any API call. */
import { BaseType, Strategy } from "../cohere/enums";
import { CheckFailure, FailureCollector, unknownValue } from "../lifecycle/rules";
import { hyperparameterNames, hyperparameterRules } from "./hyperparameters";
import { finetunedModelInputKeys } from "./types";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const trainableBaseTypes = [BaseType.Chat, BaseType.Classification, BaseType.Rerank];
const rerankModelNames = ["english", "multilingual"];

/** `__provider` is the serialized provider the dynamic resource host adds to every resource's inputs. */
const inputFields = [...finetunedModelInputKeys, "__provider"];
const settingsFields = ["baseModel", "datasetId", "hyperparameters", "multiLabel", "wandb"];

/** `check` may rename paths for display (a declarative stack reports config paths). */
export function validateFinetunedModel(
  inputs: Record<string, unknown>,
  check: FailureCollector = new FailureCollector(),
): CheckFailure[] {
  check.onlyKnownKeys("", inputs, inputFields);
  check.string("name", inputs.name, false);
  check.boolean("waitForReady", inputs.waitForReady, false);
  check.string("adoptModelId", inputs.adoptModelId, false, {
    pattern: uuidPattern,
    hint: "must be a fine-tuned model id (a UUID)",
  });
  check.boolean("allowRetrain", inputs.allowRetrain, false);
  const gate = check.object("qualityGate", inputs.qualityGate, false);
  if (gate) {
    check.onlyKnownKeys("qualityGate", gate, ["minAccuracy", "maxCrossEntropy"]);
    check.number("qualityGate.minAccuracy", gate.minAccuracy, { min: 0, max: 1 });
    check.number("qualityGate.maxCrossEntropy", gate.maxCrossEntropy, { min: 0 });
  }
  check.number("maxTrainingTokens", inputs.maxTrainingTokens, { integer: true, min: 1 });
  check.timeouts("timeouts", inputs.timeouts);
  check.string("resourceName", inputs.resourceName, false);
  check.string("autoNameScope", inputs.autoNameScope, false);

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
        `${check.shown("settings.baseModel.baseType")} ${BaseType.Generative} is deprecated by Cohere and no longer trains; use ${BaseType.Chat}`,
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
    baseType !== unknownValue &&
    baseType !== BaseType.Classification
  ) {
    check.fail(
      "settings.multiLabel",
      `${check.shown("settings.multiLabel")} applies only to ${BaseType.Classification} models, not ${baseType}`,
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
    if (typeof baseType === "string" && baseType !== unknownValue && baseType !== BaseType.Chat) {
      check.fail(
        "settings.wandb",
        `${check.shown("settings.wandb")} applies only to ${BaseType.Chat} models, not ${baseType}`,
      );
    }
  }
}

function validateHyperparameters(check: FailureCollector, hp: Record<string, unknown>): void {
  check.onlyKnownKeys("settings.hyperparameters", hp, hyperparameterNames);
  for (const name of hyperparameterNames) {
    const rule = hyperparameterRules[name];
    const path = `settings.hyperparameters.${name}`;
    if (rule.kind === "enum") check.oneOf(path, hp[name], false, rule.values);
    else
      check.number(path, hp[name], {
        integer: rule.kind === "integer",
        min: rule.min,
        max: "max" in rule ? rule.max : undefined,
      });
  }
}
