/**
 * The declarative stack format: datasets and models in structured stack config, checked before any resource is
 * declared so every mistake is reported at once with the config path that holds it.
 */
import * as pulumi from "@pulumi/pulumi";
import { datasetFields } from "../dataset/fields";
import { validateDataset } from "../dataset/validation";
import {
  entryFields,
  entryPath,
  entryShape,
  type EntryOf,
  inputsFromEntry,
  secretEntryFields,
} from "../fields/stackEntries";
import { finetunedModelFields } from "../finetunedModel/fields";
import { validateFinetunedModel } from "../finetunedModel/validation";
import { CheckFailure, FailureCollector, unknownValue } from "../lifecycle/rules";
import { withoutNulls } from "../lifecycle/plainObjects";
import { ConfigShape, fromConfigStrings } from "./configStrings";
import {
  entryOptionFields,
  entryOptionFlags,
  EntryOptions,
  validateEntryOptions,
  withoutEntryOptions,
} from "./entryOptions";

/** A dataset's fields as dataset/fields.ts spells them for a stack, and resource options. */
export type DatasetEntry = EntryOptions & EntryOf<typeof datasetFields>;

/** A model's fields as finetunedModel/fields.ts spells them for a stack, and resource options. */
export type ModelEntry = EntryOptions &
  EntryOf<typeof finetunedModelFields> & {
    /** A key of `datasets` in the same stack config, instead of `datasetId`. */
    dataset?: string;
  };

export interface StackSpec {
  datasets: Record<string, DatasetEntry>;
  models: Record<string, ModelEntry>;
}

/** `dataset` names an entry of `datasets`, whose resource's id the model trains on. */
const modelEntryFields = [
  ...entryFields(finetunedModelFields).map((field) => field.entryKey),
  "dataset",
  ...entryOptionFields,
];

const datasetEntryFields = [
  ...entryFields(datasetFields).map((field) => field.entryKey),
  ...entryOptionFields,
];

const entryOptionShape: ConfigShape = Object.fromEntries(entryOptionFlags.map((flag) => [flag, "boolean"]));
const modelEntryShape: ConfigShape = { ...entryOptionShape, ...entryShape(finetunedModelFields) };
const datasetEntryShape: ConfigShape = { ...entryOptionShape, ...entryShape(datasetFields) };

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

  for (const [path, entry] of checkedEntries(check, datasetsPath, datasets, datasetEntryFields)) {
    const at = new FailureCollector((property) => `${path}.${property}`);
    validateDataset(toDatasetInputs(entry as unknown as DatasetEntry, resolveFile), at, false);
    check.failures.push(...at.failures);
  }

  for (const [path, entry] of checkedEntries(check, modelsPath, models, modelEntryFields)) {
    validateDatasetReference(check, path, entry, datasets);
    for (const { resourcePath, secret } of secretEntryFields(finetunedModelFields)) {
      const at = `${path}${entryPath(finetunedModelFields, resourcePath)}`;
      if (valueAt(entry, at.slice(path.length + 1)) === undefined) continue;
      check.fail(
        at,
        `${check.shown(at)} would sit in stack config as plain text: remove it and set the key as a secret with ` +
          `\`pulumi config set --secret ${secret} <key>\``,
      );
    }
    const at = new FailureCollector((property) => `${path}${entryPath(finetunedModelFields, property)}`);
    // A dataset key or a secret from config is not known yet: the sentinel Pulumi uses for that.
    const inputs = toModelInputs(entry as ModelEntry, entry.datasetId ?? unknownValue, unknownValue);
    validateFinetunedModel(inputs, at);
    check.failures.push(...at.failures);
  }
  if (check.failures.length > 0) throw new StackConfigError(check.failures);
  return {
    datasets: datasets as unknown as StackSpec["datasets"],
    models: models as unknown as StackSpec["models"],
  };
}

/** Each entry that is an object, with its path, once its keys and resource options are checked. */
function* checkedEntries(
  check: FailureCollector,
  rootPath: string,
  entries: Record<string, unknown>,
  fields: readonly string[],
): Generator<[string, Record<string, unknown>]> {
  for (const [key, raw] of Object.entries(entries)) {
    const path = `${rootPath}.${key}`;
    const entry = check.object(path, raw, true);
    if (!entry) continue;
    check.onlyKnownKeys(path, entry, fields);
    validateEntryOptions(check, path, entry);
    yield [path, entry];
  }
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

/** The FinetunedModel inputs an entry declares, given the id its dataset resolves to and its secrets. */
export function toModelInputs(
  entry: ModelEntry,
  datasetId: unknown,
  secret: unknown,
): Record<string, unknown> {
  const secrets = secretEntryFields(finetunedModelFields).map(({ resourcePath }) => [resourcePath, secret]);
  return inputsFromEntry(finetunedModelFields, entry, {
    "settings.datasetId": datasetId,
    ...Object.fromEntries(secrets),
  });
}

/** The value at a dotted path of an entry. */
function valueAt(entry: Record<string, unknown>, dotted: string): unknown {
  return dotted
    .split(".")
    .reduce<unknown>(
      (value, key) =>
        value && typeof value === "object" ? (value as Record<string, unknown>)[key] : undefined,
      entry,
    );
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
