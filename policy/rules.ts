/**
 * The policies' rules as pure functions: a Cohere resource as the engine gave it to the pack (inputs, the provider
 * setting that applies, the stack) and a policy's config in, a violation message (or nothing) out.
 */
import { BaseType, DatasetType } from "../provider/cohere/enums";
import { hyperparameterRules } from "../provider/finetunedModel/hyperparameters";
import { hasThresholds } from "../provider/finetunedModel/qualityGate";

export type CohereKind = "FinetunedModel" | "Dataset";

/** A resource of either host, as a policy sees it. */
export interface CohereResource {
  kind: CohereKind;
  /** Its inputs as checked by its provider, secrets in clear. */
  inputs: Record<string, unknown>;
  /** A provider setting (`allowRetrain`, `maxTrainingTokens`) that applies to it: a value, its text, or undefined. */
  setting(key: string): unknown;
  /** The stack being previewed or updated. */
  stack: string;
  /** Input paths whose value reached the engine as a secret (`settings.wandb.apiKey`, or `settings` as a whole). */
  secretPaths: readonly string[];
  /** The stack's config values that are not secret: what is written in clear in `Pulumi.<stack>.yaml`. */
  plainConfigValues: readonly string[];
}

export const trainableBaseTypes = [BaseType.Chat, BaseType.Classification, BaseType.Rerank];

/** The base type a dataset of each type trains. */
const baseTypeOfDataset: Record<DatasetType, BaseType> = {
  [DatasetType.ChatFinetuneInput]: BaseType.Chat,
  [DatasetType.RerankerFinetuneInput]: BaseType.Rerank,
  [DatasetType.SingleLabelClassificationFinetuneInput]: BaseType.Classification,
  [DatasetType.MultiLabelClassificationFinetuneInput]: BaseType.Classification,
};

/** Cohere trains this many epochs when none are declared. */
const defaultEpochs = hyperparameterRules.trainEpochs.default;
export const maxEpochsCohereAllows = hyperparameterRules.trainEpochs.max;

const wandbKeyPath = "settings.wandb.apiKey";

export function qualityGateViolation(
  model: CohereResource,
  config: { minAccuracy?: number },
): string | undefined {
  const gate = objectAt(model.inputs, "qualityGate");
  if (!hasThresholds(gate)) {
    return "declare a qualityGate (minAccuracy and/or maxCrossEntropy) that a training must meet";
  }
  if (config.minAccuracy === undefined) return undefined;
  const minAccuracy = numberOf(gate?.minAccuracy);
  if (minAccuracy === undefined || minAccuracy < config.minAccuracy) {
    return `qualityGate.minAccuracy must be at least ${config.minAccuracy}, got ${minAccuracy ?? "none"}`;
  }
  return undefined;
}

/** A model's base type, or the base type a dataset's type trains, must be one of `allowed`. */
export function baseTypeViolation(
  resource: CohereResource,
  config: { allowed: string[] },
): string | undefined {
  if (resource.kind === "Dataset") {
    const type = resource.inputs.type as DatasetType;
    const baseType = baseTypeOfDataset[type];
    return baseType && !config.allowed.includes(baseType)
      ? `type ${type} trains ${baseType} models, which are not allowed here (allowed: ${config.allowed.join(", ")})`
      : undefined;
  }
  const baseType = objectAt(objectAt(resource.inputs, "settings"), "baseModel")?.baseType;
  return config.allowed.includes(baseType as string)
    ? undefined
    : `settings.baseModel.baseType ${String(baseType)} is not allowed here (allowed: ${config.allowed.join(", ")})`;
}

export function epochsViolation(model: CohereResource, config: { maxEpochs: number }): string | undefined {
  const hyperparameters = objectAt(objectAt(model.inputs, "settings"), "hyperparameters");
  const epochs = numberOf(hyperparameters?.trainEpochs) ?? defaultEpochs;
  return epochs > config.maxEpochs
    ? `settings.hyperparameters.trainEpochs ${epochs} is more than the ${config.maxEpochs} allowed`
    : undefined;
}

/**
 * The W&B key must reach the engine as a secret, and not come from the stack's config in clear. Both hosts mark the
 * key secret whatever the program did, so the first check guards older provider versions; the second one is what a
 * program can still get wrong (`pulumi config set` without `--secret`).
 */
export function wandbKeyViolation(model: CohereResource): string | undefined {
  const key = objectAt(objectAt(model.inputs, "settings"), "wandb")?.apiKey;
  if (typeof key !== "string") return undefined;
  const secret = model.secretPaths.some(
    (path) => wandbKeyPath === path || wandbKeyPath.startsWith(`${path}.`),
  );
  if (!secret)
    return `${wandbKeyPath} must be a secret (e.g. pulumi config set --secret, pulumi.secret(...))`;
  if (model.plainConfigValues.some((value) => value === key || value.includes(JSON.stringify(key)))) {
    return `${wandbKeyPath} comes from stack config stored in clear: set it with pulumi config set --secret`;
  }
  return undefined;
}

/**
 * On stacks whose name matches `stacks`, retraining must be off: the model's own `allowRetrain`, else its provider's
 * (an explicit provider's input, or the stack config `cohere:allowRetrain`), must be false.
 */
export function retrainViolation(model: CohereResource, config: { stacks: string }): string | undefined {
  if (!new RegExp(config.stacks).test(model.stack)) return undefined;
  const own = booleanOf(model.inputs.allowRetrain);
  if (own !== undefined) {
    return own ? `allowRetrain must be false on stack ${model.stack}, got true on this model` : undefined;
  }
  return booleanOf(model.setting("allowRetrain")) === false
    ? undefined
    : `allowRetrain must be false on stack ${model.stack}: set allowRetrain: false on the model or its provider ` +
        "(cohere:allowRetrain: false for the stack)";
}

/**
 * A model's trainings must be bounded by a `maxTrainingTokens` budget (its own, else its provider's or the stack's
 * `cohere:maxTrainingTokens`), no larger than `maxTrainingTokens` when that is configured.
 */
export function trainingBudgetViolation(
  model: CohereResource,
  config: { maxTrainingTokens?: number },
): string | undefined {
  const budget = numberOf(model.inputs.maxTrainingTokens) ?? numberOf(model.setting("maxTrainingTokens"));
  if (budget === undefined) {
    return "declare maxTrainingTokens on the model or its provider (cohere:maxTrainingTokens for the stack)";
  }
  return config.maxTrainingTokens !== undefined && budget > config.maxTrainingTokens
    ? `maxTrainingTokens ${budget} is more than the ${config.maxTrainingTokens} allowed`
    : undefined;
}

function objectAt(
  parent: Record<string, unknown> | undefined,
  key: string,
): Record<string, unknown> | undefined {
  const value = parent?.[key];
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>) : undefined;
}

/** Provider settings arrive as text from stack config and SDKs, as values from YAML and checked inputs. */
function numberOf(value: unknown): number | undefined {
  const number = typeof value === "string" && value.trim() !== "" ? Number(value) : value;
  return typeof number === "number" && Number.isFinite(number) ? number : undefined;
}

function booleanOf(value: unknown): boolean | undefined {
  if (typeof value === "boolean") return value;
  return value === "true" ? true : value === "false" ? false : undefined;
}
