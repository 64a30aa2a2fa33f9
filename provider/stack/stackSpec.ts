/**
 * The declarative stack format: datasets and models in structured stack config, checked before any resource is
 * declared so every mistake is reported at once with the config path that holds it.
 */
import * as pulumi from "@pulumi/pulumi";
import { validateFinetunedModel } from "../finetunedModel/validation";
import { CheckFailure, FailureCollector } from "../lifecycle/rules";
import { DatasetType } from "../cohere/enums";
import type { FinetunedModelInputs } from "../finetunedModel/types";

export interface DatasetEntry {
  name?: string;
  type: string;
  dataFile: string;
  evalDataFile?: string;
}

export interface ModelEntry {
  name?: string;
  baseType: string;
  baseModelName?: string;
  /** A key of `datasets` in the same stack config. */
  dataset?: string;
  /** An existing Cohere dataset id, instead of `dataset`. */
  datasetId?: string;
  hyperparameters?: Record<string, number | string>;
  multiLabel?: boolean;
  wandb?: { project: string; entity?: string };
  waitForReady?: boolean;
  adoptModelId?: string;
  /** Go-style duration copied to customTimeouts.create, e.g. "3h". */
  createTimeout?: string;
}

export interface StackSpec {
  datasets: Record<string, DatasetEntry>;
  models: Record<string, ModelEntry>;
}

/** Where each resource property lives in a model entry. */
const modelPropertyToEntryPath: Array<[string, string]> = [
  ["settings.baseModel.baseType", "baseType"],
  ["settings.baseModel.name", "baseModelName"],
  ["settings.datasetId", "dataset"],
  ["settings.hyperparameters", "hyperparameters"],
  ["settings.multiLabel", "multiLabel"],
  ["settings.wandb", "wandb"],
  ["settings", ""],
];

const modelEntryFields = [
  "name",
  "baseType",
  "baseModelName",
  "dataset",
  "datasetId",
  "hyperparameters",
  "multiLabel",
  "wandb",
  "waitForReady",
  "adoptModelId",
  "createTimeout",
];
const datasetEntryFields = ["name", "type", "dataFile", "evalDataFile"];

/** A RunError, so `pulumi` prints the mistakes without a stack trace. */
export class StackConfigError extends pulumi.RunError {
  constructor(readonly failures: CheckFailure[]) {
    super(`Invalid stack config:\n${failures.map((f) => `  - ${f.reason}`).join("\n")}`);
    this.name = "StackConfigError";
  }
}

/** Validates raw config values; `namespace` is the config namespace (the project name) used in messages. */
export function parseStackSpec(namespace: string, rawDatasets: unknown, rawModels: unknown): StackSpec {
  const check = new FailureCollector();
  const datasetsPath = `${namespace}:datasets`;
  const modelsPath = `${namespace}:models`;
  const datasets = check.object(datasetsPath, rawDatasets ?? {}, false) ?? {};
  const models = check.object(modelsPath, rawModels, true) ?? {};

  for (const [key, raw] of Object.entries(datasets)) {
    const path = `${datasetsPath}.${key}`;
    const entry = check.object(path, raw, true);
    if (!entry) continue;
    check.onlyKnownKeys(path, entry, datasetEntryFields);
    check.string(`${path}.name`, entry.name, false, { maxLength: 49 });
    check.oneOf(`${path}.type`, entry.type, true, Object.values(DatasetType));
    check.string(`${path}.dataFile`, entry.dataFile, true);
    check.string(`${path}.evalDataFile`, entry.evalDataFile, false);
  }

  for (const [key, raw] of Object.entries(models)) {
    const path = `${modelsPath}.${key}`;
    const entry = check.object(path, raw, true);
    if (!entry) continue;
    check.onlyKnownKeys(path, entry, modelEntryFields);
    validateDatasetReference(check, path, entry, datasets);
    check.string(`${path}.createTimeout`, entry.createTimeout, false);
    const spec = toModelInputs(
      entry as unknown as ModelEntry,
      "placeholder-dataset-id",
      "placeholder-wandb-key",
    );
    for (const failure of validateFinetunedModel(spec as unknown as Record<string, unknown>)) {
      check.fail(`${path}.${entryPath(failure.property)}`, rewrite(failure, path));
    }
  }
  if (check.failures.length > 0) throw new StackConfigError(check.failures);
  return {
    datasets: datasets as unknown as StackSpec["datasets"],
    models: models as unknown as StackSpec["models"],
  };
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
  check.string(`${path}.datasetId`, entry.datasetId, false);
}

/** The FinetunedModel inputs an entry declares, given the id its dataset resolves to. */
export function toModelInputs<T>(entry: ModelEntry, datasetId: T, wandbApiKey: T | undefined) {
  return {
    name: entry.name,
    waitForReady: entry.waitForReady,
    adoptModelId: entry.adoptModelId,
    settings: {
      baseModel: { baseType: entry.baseType, name: entry.baseModelName },
      datasetId,
      hyperparameters: entry.hyperparameters,
      multiLabel: entry.multiLabel,
      wandb: entry.wandb && { ...entry.wandb, apiKey: wandbApiKey },
    },
  } as Omit<FinetunedModelInputs, "settings"> & {
    settings: Omit<FinetunedModelInputs["settings"], "datasetId"> & { datasetId: T };
  };
}

function entryPath(property: string): string {
  for (const [prefix, replacement] of modelPropertyToEntryPath) {
    if (property === prefix || property.startsWith(`${prefix}.`)) {
      return (replacement + property.slice(prefix.length)).replace(/^\./, "");
    }
  }
  return property;
}

function rewrite(failure: CheckFailure, entryRoot: string): string {
  return failure.reason.split(failure.property).join(`${entryRoot}.${entryPath(failure.property)}`);
}
