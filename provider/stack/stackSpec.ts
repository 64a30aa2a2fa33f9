/**
 * The declarative stack format: datasets and models in structured stack config, checked before any resource is
 * declared so every mistake is reported at once with the config path that holds it.
 */
import * as pulumi from "@pulumi/pulumi";
import { declaredDatasetKeys, DatasetInputs } from "../dataset/types";
import { validateDataset } from "../dataset/validation";
import { hyperparameterNames, hyperparameterRules } from "../finetunedModel/hyperparameters";
import { validateFinetunedModel } from "../finetunedModel/validation";
import { CheckFailure, FailureCollector, unknownValue } from "../lifecycle/rules";
import { withoutNulls } from "../lifecycle/plainObjects";
import { ConfigShape, fromConfigStrings, ScalarFieldsOf } from "./configStrings";
import {
  entryOptionFields,
  entryOptionFlags,
  EntryOptions,
  validateEntryOptions,
  withoutEntryOptions,
} from "./entryOptions";

export type DatasetEntry = EntryOptions & Pick<DatasetInputs, (typeof declaredDatasetKeys)[number]>;

export interface ModelEntry extends EntryOptions {
  name?: string;
  baseType: string;
  baseModelName?: string;
  strategy?: string;
  /** A key of `datasets` in the same stack config. */
  dataset?: string;
  /** An existing Cohere dataset id, instead of `dataset`. */
  datasetId?: string;
  hyperparameters?: Record<string, number | string> | null;
  multiLabel?: boolean;
  wandb?: { project: string; entity?: string };
  waitForReady?: boolean;
  adoptModelId?: string;
  allowRetrain?: boolean;
  qualityGate?: { minAccuracy?: number; maxCrossEntropy?: number };
  /** The most tokens (trainable tokens × epochs) one training of the model may process. */
  maxTrainingTokens?: number;
}

export interface StackSpec {
  datasets: Record<string, DatasetEntry>;
  models: Record<string, ModelEntry>;
}

/** Where a model resource's properties live in a model entry (the longest matching prefix wins). */
const modelEntryPaths: Array<[resourcePath: string, entryPath: string]> = [
  ["settings.baseModel.baseType", "baseType"],
  ["settings.baseModel.name", "baseModelName"],
  ["settings.baseModel.strategy", "strategy"],
  ["settings.baseModel", ""],
  ["settings.datasetId", "datasetId"],
  ["settings", ""],
];

const modelEntryFields = [
  "name",
  "baseType",
  "baseModelName",
  "strategy",
  "dataset",
  "datasetId",
  "hyperparameters",
  "multiLabel",
  "wandb",
  "waitForReady",
  "adoptModelId",
  "allowRetrain",
  "qualityGate",
  "maxTrainingTokens",
  ...entryOptionFields,
];

const datasetEntryFields = [...declaredDatasetKeys, ...entryOptionFields];

/*
 * Where an entry holds numbers and booleans, which config may hold as strings (see configStrings.ts). The compiler
 * holds each shape to its entry's interface; the hyperparameters come from their table.
 */
const entryOptionShape = Object.fromEntries(entryOptionFlags.map((flag) => [flag, "boolean"])) as Record<
  (typeof entryOptionFlags)[number],
  "boolean"
>;

const modelEntryShape = {
  ...entryOptionShape,
  multiLabel: "boolean",
  waitForReady: "boolean",
  allowRetrain: "boolean",
  maxTrainingTokens: "number",
  hyperparameters: Object.fromEntries(
    hyperparameterNames
      .filter((name) => hyperparameterRules[name].kind !== "enum")
      .map((name) => [name, "number"]),
  ),
  qualityGate: {
    minAccuracy: "number",
    maxCrossEntropy: "number",
  } satisfies ScalarFieldsOf<NonNullable<ModelEntry["qualityGate"]>>,
} satisfies ScalarFieldsOf<ModelEntry> & ConfigShape;

const datasetEntryShape = {
  ...entryOptionShape,
  keepOriginalFile: "boolean",
  skipMalformedInput: "boolean",
  waitForValidation: "boolean",
} satisfies ScalarFieldsOf<DatasetEntry> & ConfigShape;

/** A RunError, so `pulumi` prints the mistakes without a stack trace. */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly failures: CheckFailure[]) {
    super(`Invalid stack config:\n${failures.map((f) => `  - ${f.reason}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/**
 * Validates raw config values; `namespace` is the config namespace (the project name) used in messages, and
 * `resolveFile` turns a declared file path into the one the provider will read.
 */
export function parseStackSpec(
  namespace: string,
  rawDatasets: unknown,
  rawModels: unknown,
  resolveFile: (file: string) => string = (file) => file,
): StackSpec {
  const check = new FailureCollector();
  const datasetsPath = `${namespace}:datasets`;
  const modelsPath = `${namespace}:models`;
  // Typed first, so what `pulumi config set` stored as strings is checked, and declared, like YAML values.
  const datasets = typedEntries(
    withoutNulls(check.object(datasetsPath, rawDatasets ?? {}, false) ?? {}),
    datasetEntryShape,
  );
  const models = typedEntries(withoutNulls(check.object(modelsPath, rawModels, true) ?? {}), modelEntryShape);

  for (const [key, raw] of Object.entries(datasets)) {
    const path = `${datasetsPath}.${key}`;
    const entry = check.object(path, raw, true);
    if (!entry) continue;
    check.onlyKnownKeys(path, entry, datasetEntryFields);
    validateEntryOptions(check, path, entry);
    const at = new FailureCollector((property) => `${path}.${property}`);
    validateDataset(toDatasetInputs(entry as unknown as DatasetEntry, resolveFile), at, false);
    check.failures.push(...at.failures);
  }

  for (const [key, raw] of Object.entries(models)) {
    const path = `${modelsPath}.${key}`;
    const entry = check.object(path, raw, true);
    if (!entry) continue;
    check.onlyKnownKeys(path, entry, modelEntryFields);
    validateEntryOptions(check, path, entry);
    validateDatasetReference(check, path, entry, datasets);
    const wandb = check.object(`${path}.wandb`, entry.wandb, false);
    if (wandb?.apiKey !== undefined) {
      check.fail(
        `${path}.wandb.apiKey`,
        `${check.shown(`${path}.wandb.apiKey`)} would sit in stack config as plain text: remove it and set the key ` +
          "as a secret with `pulumi config set --secret wandbApiKey <key>`",
      );
    }
    const at = new FailureCollector((property) => `${path}${entryPath(property)}`);
    // A dataset key or the wandb key from secret config is not known yet: the sentinel Pulumi uses for that.
    const inputs = toModelInputs(
      entry as unknown as ModelEntry,
      entry.datasetId ?? unknownValue,
      unknownValue,
    );
    validateFinetunedModel(inputs as unknown as Record<string, unknown>, at);
    check.failures.push(...at.failures);
  }
  if (check.failures.length > 0) throw new StackConfigError(check.failures);
  return {
    datasets: datasets as unknown as StackSpec["datasets"],
    models: models as unknown as StackSpec["models"],
  };
}

function typedEntries(entries: Record<string, unknown>, shape: ConfigShape): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entries).map(([key, entry]) => [key, fromConfigStrings(entry, shape)]),
  );
}

function validateDatasetReference(
  check: FailureCollector,
  path: string,
  entry: Record<string, unknown>,
  datasets: Record<string, unknown>,
): void {
  if ((entry.dataset === undefined) === (entry.datasetId === undefined)) {
    check.fail(`${path}.dataset`, `${path} needs exactly one of dataset (a key of datasets) or datasetId`);
  } else if (
    entry.dataset !== undefined &&
    !(typeof entry.dataset === "string" && entry.dataset in datasets)
  ) {
    check.fail(
      `${path}.dataset`,
      `${path}.dataset names no dataset in this stack's datasets (${Object.keys(datasets).join(", ") || "none"})`,
    );
  }
}

/** The FinetunedModel inputs an entry declares, given the id its dataset resolves to and the wandb key. */
export function toModelInputs<T>(entry: ModelEntry, datasetId: T, wandbApiKey: T | undefined) {
  return {
    name: entry.name,
    waitForReady: entry.waitForReady,
    adoptModelId: entry.adoptModelId,
    allowRetrain: entry.allowRetrain,
    qualityGate: entry.qualityGate,
    maxTrainingTokens: entry.maxTrainingTokens,
    settings: {
      baseModel: { baseType: entry.baseType, name: entry.baseModelName, strategy: entry.strategy },
      datasetId,
      hyperparameters: entry.hyperparameters,
      multiLabel: entry.multiLabel,
      wandb: entry.wandb && { ...entry.wandb, apiKey: wandbApiKey },
    },
  };
}

/** The Dataset inputs an entry declares, its files resolved as the provider will read them. */
export function toDatasetInputs(entry: DatasetEntry, resolveFile: (file: string) => string) {
  return {
    ...withoutEntryOptions(entry),
    dataFile: typeof entry.dataFile === "string" ? resolveFile(entry.dataFile) : entry.dataFile,
    evalDataFile:
      typeof entry.evalDataFile === "string" ? resolveFile(entry.evalDataFile) : entry.evalDataFile,
  };
}

/** `.baseType` for `settings.baseModel.baseType`, `.hyperparameters.trainEpochs` for its resource path, ... */
function entryPath(property: string): string {
  for (const [prefix, replacement] of modelEntryPaths) {
    if (property === prefix || property.startsWith(`${prefix}.`)) {
      const rest = replacement + property.slice(prefix.length);
      return rest.startsWith(".") || rest === "" ? rest : `.${rest}`;
    }
  }
  return `.${property}`;
}
