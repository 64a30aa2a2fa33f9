/** Validates a FinetunedModel spec against Cohere's documented rules, before any API call. */
import { BaseType } from "../cohere/enums";
import { validateFields } from "../fields/validateFields";
import { CheckFailure, FailureCollector, unknownValue } from "../lifecycle/rules";
import { finetunedModelFields, rerankModelNames } from "./fields";

/** `check` may rename paths for display (a declarative stack reports config paths). */
export function validateFinetunedModel(
  inputs: Record<string, unknown>,
  check: FailureCollector = new FailureCollector(),
): CheckFailure[] {
  const settings = isObject(inputs.settings) ? inputs.settings : {};
  const baseModel = isObject(settings.baseModel) ? settings.baseModel : {};
  const baseType = known(baseModel.baseType);
  const judgedElsewhere: string[] = [];
  if (baseType === BaseType.Generative) {
    judgedElsewhere.push("settings.baseModel.baseType");
    check.fail(
      "settings.baseModel.baseType",
      `${check.shown("settings.baseModel.baseType")} ${BaseType.Generative} is deprecated by Cohere and no longer trains; use ${BaseType.Chat}`,
    );
  }
  if (baseType === BaseType.Rerank) {
    judgedElsewhere.push("settings.baseModel.name");
    check.oneOf("settings.baseModel.name", baseModel.name, false, rerankModelNames);
  }
  validateFields(check, finetunedModelFields, inputs, { judgedElsewhere });

  if (settings.multiLabel !== undefined && baseType !== undefined && baseType !== BaseType.Classification) {
    check.fail(
      "settings.multiLabel",
      `${check.shown("settings.multiLabel")} applies only to ${BaseType.Classification} models, not ${baseType}`,
    );
  }
  if (isObject(settings.wandb) && baseType !== undefined && baseType !== BaseType.Chat) {
    check.fail(
      "settings.wandb",
      `${check.shown("settings.wandb")} applies only to ${BaseType.Chat} models, not ${baseType}`,
    );
  }
  return check.failures;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/** A declared string, not one unknown at preview. */
function known(value: unknown): string | undefined {
  return typeof value === "string" && value !== unknownValue ? value : undefined;
}
