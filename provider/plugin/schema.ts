/**
 * The Pulumi package schema of the `cohere` provider plugin. Field lists, hyperparameter ranges and enum values come
 * from the tables the resources already validate with, and descriptions from `fieldDocs.ts`, so the schema cannot
 * name a field, a range or a value that the providers do not.
 */
import { BaseType, DatasetType, LoraTargetModules, Strategy } from "../cohere/enums";
import { DEFAULT_BASE_URL, DEFAULT_CLIENT_NAME } from "../cohere/httpClient";
import type { ConfiguredConnection } from "../lifecycle/connection";
import type { ResourceMetadata } from "../lifecycle/resourceMetadata";
import {
  HyperparameterName,
  hyperparameterNames,
  hyperparameterRules,
} from "../finetunedModel/hyperparameters";
import type {
  BaseModelSpec,
  FinetunedModelOutputs,
  QualityGateSpec,
  SettingsSpec,
  WandbSpec,
} from "../finetunedModel/types";
import { finetunedModelInputKeys } from "../finetunedModel/types";
import { declaredDatasetKeys, uploadOptionKeys, type DatasetOutputs } from "../dataset/types";
import * as docs from "./fieldDocs";
import type { PluginFields } from "./fieldDocs";
import type { PluginRelease } from "./release";

export interface PropertySpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
  deprecationMessage?: string;
  defaultInfo?: { environment: string[] };
}

export interface ObjectTypeSpec {
  type: "object";
  description: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface EnumTypeSpec {
  type: "string";
  description: string;
  enum: { name: string; value: string; deprecationMessage?: string }[];
}

export interface ResourceSpec {
  description: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs?: string[];
  properties?: Record<string, PropertySpec>;
  required?: string[];
  aliases?: { type: string }[];
}

export interface PackageSchema {
  name: string;
  displayName: string;
  description: string;
  version: string;
  license: string;
  repository: string;
  pluginDownloadURL: string;
  keywords: string[];
  language: Record<string, Record<string, unknown>>;
  config: { variables: Record<string, PropertySpec> };
  provider: ResourceSpec;
  resources: Record<string, ResourceSpec>;
  types: Record<string, ObjectTypeSpec | EnumTypeSpec>;
}

export const packageName = "cohere";

type TypeName = keyof typeof docs.typeDocs;

export const typeToken = (name: TypeName | "FinetunedModel" | "Dataset") => `${packageName}:index:${name}`;

/** A property, and whether it is required: of the inputs in an input table, always present in an output table. */
type Field = PropertySpec & { required?: boolean };

const ref = (name: TypeName): PropertySpec => ({ $ref: `#/types/${typeToken(name)}` });
const text = (description: string): Field => ({ type: "string", description });
const flag = (description: string): Field => ({ type: "boolean", description });
const whole = (description: string): Field => ({ type: "integer", description });
const strings = (description: string): Field => ({ type: "array", items: { type: "string" }, description });

function properties(fields: Record<string, Field>): Pick<ObjectTypeSpec, "properties" | "required"> {
  const entries = Object.entries(fields);
  const required = entries.filter(([, field]) => field.required).map(([name]) => name);
  return {
    properties: Object.fromEntries(
      entries.map(([name, { required: _required, ...property }]) => [name, property]),
    ),
    ...(required.length > 0 ? { required } : {}),
  };
}

function withReplaceOnChanges<Key extends string>(
  fields: Record<Key, Field>,
  replacing: readonly Key[],
): Record<Key, Field> {
  const marked = (key: Key, field: Field) =>
    replacing.includes(key) ? { ...field, replaceOnChanges: true } : field;
  return Object.fromEntries(
    Object.entries<Field>(fields).map(([key, field]) => [key, marked(key as Key, field)]),
  ) as Record<Key, Field>;
}

const objectType = (name: TypeName, fields: Record<string, Field>): ObjectTypeSpec => ({
  type: "object",
  description: docs.typeDocs[name],
  ...properties(fields),
});

/** `values` in their order, each named by its key in `constants` (`BASE_TYPE_CHAT` is `Chat`). */
function enumType(
  description: string,
  constants: Record<string, string>,
  values: readonly string[] = Object.values(constants),
  deprecationMessage?: string,
): EnumTypeSpec {
  const nameOf = (value: string) => Object.keys(constants).find((key) => constants[key] === value) ?? value;
  return {
    type: "string",
    description,
    enum: values.map((value) => ({
      name: nameOf(value),
      value,
      ...(deprecationMessage && { deprecationMessage }),
    })),
  };
}

/** What `validateFinetunedModel` accepts as a base type: the test keeps the two in step. */
const trainableBaseTypes = [BaseType.Chat, BaseType.Classification, BaseType.Rerank];

function hyperparameter(name: HyperparameterName): Field {
  const rule = hyperparameterRules[name];
  const description = docs.hyperparameterDocs[name];
  return rule.kind === "enum"
    ? { ...ref("LoraTargetModules"), description }
    : { type: rule.kind, description };
}

const baseModelFields: Record<keyof BaseModelSpec, Field> = {
  baseType: { ...ref("BaseType"), description: docs.baseModelDocs.baseType, required: true },
  name: text(docs.baseModelDocs.name),
  strategy: {
    ...ref("Strategy"),
    description: docs.baseModelDocs.strategy,
    deprecationMessage: docs.deprecatedByCohere,
  },
};

const wandbFields: Record<keyof WandbSpec, Field> = {
  project: { ...text(docs.wandbDocs.project), required: true },
  apiKey: { ...text(docs.wandbDocs.apiKey), secret: true, required: true },
  entity: text(docs.wandbDocs.entity),
};
const { apiKey: _apiKey, ...wandbWithoutKeyFields } = wandbFields;

/** The declared, recorded and reported settings differ in their W&B key, their base model's enums and what retrains. */
function settingsFields(
  wandb: "Wandb" | "WandbWithoutKey",
  baseModel: "BaseModel" | "TrainedBaseModel",
  retrains: boolean,
): Record<keyof SettingsSpec, Field> {
  const training = { ...(retrains && { replaceOnChanges: true }) };
  return {
    baseModel: { ...ref(baseModel), description: docs.settingsDocs.baseModel, required: true, ...training },
    datasetId: { ...text(docs.settingsDocs.datasetId), required: true, ...training },
    hyperparameters: {
      ...ref("Hyperparameters"),
      description: docs.settingsDocs.hyperparameters,
      ...training,
    },
    multiLabel: { ...flag(docs.settingsDocs.multiLabel), ...training },
    wandb: { ...ref(wandb), description: docs.settingsDocs.wandb },
  };
}

const qualityGateFields: Record<keyof QualityGateSpec, Field> = {
  minAccuracy: { type: "number", description: docs.qualityGateDocs.minAccuracy },
  maxCrossEntropy: { type: "number", description: docs.qualityGateDocs.maxCrossEntropy },
};

const types: Record<TypeName, ObjectTypeSpec | EnumTypeSpec> = {
  Settings: objectType("Settings", settingsFields("Wandb", "BaseModel", true)),
  DeclaredSettings: objectType("DeclaredSettings", settingsFields("WandbWithoutKey", "BaseModel", true)),
  TrainedSettings: objectType(
    "TrainedSettings",
    settingsFields("WandbWithoutKey", "TrainedBaseModel", false),
  ),
  BaseModel: objectType("BaseModel", baseModelFields),
  // Cohere may report a base type or strategy that a declaration may not use (a legacy generative model).
  TrainedBaseModel: objectType("TrainedBaseModel", {
    ...baseModelFields,
    baseType: { ...text(docs.baseModelDocs.baseType), required: true },
    strategy: text(docs.baseModelDocs.strategy),
  }),
  Hyperparameters: objectType(
    "Hyperparameters",
    Object.fromEntries(hyperparameterNames.map((name) => [name, hyperparameter(name)])),
  ),
  Wandb: objectType("Wandb", wandbFields),
  WandbWithoutKey: objectType("WandbWithoutKey", wandbWithoutKeyFields),
  QualityGate: objectType("QualityGate", qualityGateFields),
  BaseType: enumType(docs.typeDocs.BaseType, BaseType, trainableBaseTypes),
  Strategy: enumType(docs.typeDocs.Strategy, Strategy, Object.values(Strategy), docs.deprecatedByCohere),
  LoraTargetModules: enumType(
    docs.typeDocs.LoraTargetModules,
    LoraTargetModules,
    hyperparameterRules.loraTargetModules.values,
  ),
  DatasetType: enumType(docs.typeDocs.DatasetType, DatasetType),
};

/** The inputs a program declares; the plugin has the engine's URN and timeouts where the dynamic host adds inputs. */
type PluginInputs<Keys extends readonly string[]> = Exclude<Keys[number], keyof ResourceMetadata>;

const modelDocs = docs.finetunedModelDocs;
const modelInputs: Record<PluginInputs<typeof finetunedModelInputKeys>, Field> = {
  name: text(modelDocs.name),
  settings: { ...ref("Settings"), description: modelDocs.settings, required: true },
  waitForReady: flag(modelDocs.waitForReady),
  adoptModelId: text(modelDocs.adoptModelId),
  allowRetrain: flag(modelDocs.allowRetrain),
  qualityGate: { ...ref("QualityGate"), description: modelDocs.qualityGate },
  maxTrainingTokens: whole(modelDocs.maxTrainingTokens),
};

/** Outputs embed the declared inputs, the W&B key left out. */
const modelOutputs: Record<PluginFields<FinetunedModelOutputs>, Field> = {
  ...modelInputs,
  name: { ...modelInputs.name, required: true },
  settings: { ...ref("DeclaredSettings"), description: docs.typeDocs.DeclaredSettings, required: true },
  nameIsGenerated: flag(modelDocs.nameIsGenerated),
  status: { ...text(modelDocs.status), required: true },
  createdAt: text(modelDocs.createdAt),
  updatedAt: text(modelDocs.updatedAt),
  completedAt: text(modelDocs.completedAt),
  lastUsed: text(modelDocs.lastUsed),
  creatorId: text(modelDocs.creatorId),
  organizationId: text(modelDocs.organizationId),
  baseModelVersion: text(modelDocs.baseModelVersion),
  inferenceModelName: { ...text(modelDocs.inferenceModelName), required: true },
  trainedSettings: { ...ref("TrainedSettings"), description: modelDocs.trainedSettings },
  trainingMetrics: {
    type: "object",
    additionalProperties: { type: "number" },
    description: modelDocs.trainingMetrics,
  },
  trainingSteps: whole(modelDocs.trainingSteps),
};

const datasetDocs = docs.datasetDocs;
/** Cohere cannot change an uploaded dataset, so each of these replaces it (and so does new file content). */
const datasetInputs = withReplaceOnChanges<PluginInputs<typeof declaredDatasetKeys>>(
  {
    name: text(datasetDocs.name),
    type: { ...ref("DatasetType"), description: datasetDocs.type, required: true },
    dataFile: text(datasetDocs.dataFile),
    evalDataFile: text(datasetDocs.evalDataFile),
    keepOriginalFile: flag(datasetDocs.keepOriginalFile),
    skipMalformedInput: flag(datasetDocs.skipMalformedInput),
    keepFields: strings(datasetDocs.keepFields),
    optionalFields: strings(datasetDocs.optionalFields),
    textSeparator: text(datasetDocs.textSeparator),
    csvDelimiter: text(datasetDocs.csvDelimiter),
    waitForValidation: flag(datasetDocs.waitForValidation),
  },
  ["name", "type", ...uploadOptionKeys],
);

/** The file hashes are not inputs: the plugin computes them in Check, as the dynamic resource class does. */
const datasetOutputs: Record<PluginFields<DatasetOutputs>, Field> = {
  ...datasetInputs,
  name: { ...datasetInputs.name, required: true },
  nameIsGenerated: flag(datasetDocs.nameIsGenerated),
  validationStatus: { ...text(datasetDocs.validationStatus), required: true },
  validationError: text(datasetDocs.validationError),
  validationWarnings: strings(datasetDocs.validationWarnings),
  totalExamples: whole(datasetDocs.totalExamples),
  trainExamples: whole(datasetDocs.trainExamples),
  evalExamples: whole(datasetDocs.evalExamples),
  trainableTokenCount: whole(datasetDocs.trainableTokenCount),
  createdAt: text(datasetDocs.createdAt),
  expired: flag(datasetDocs.expired),
  dataFileHash: text(datasetDocs.dataFileHash),
  evalDataFileHash: text(datasetDocs.evalDataFileHash),
};

function resource(
  name: "FinetunedModel" | "Dataset",
  inputs: Record<string, Field>,
  outputs: Record<string, Field>,
): ResourceSpec {
  const { properties: inputProperties, required: requiredInputs } = properties(inputs);
  return {
    description: docs.resourceDocs[name],
    inputProperties,
    ...(requiredInputs && { requiredInputs }),
    ...properties(outputs),
    // The type the dynamic resources register (`DynamicResource`): a stack made with them moves over unchanged.
    aliases: [{ type: `pulumi-nodejs:dynamic/${packageName}:${name}` }],
  };
}

/** Each setting's type, and what applies when it is not set: an environment variable, then a default. */
const configSettings: Record<
  keyof ConfiguredConnection,
  { type: "string" | "boolean" | "integer"; secret?: true; environment?: string; fallback?: string }
> = {
  apiKey: { type: "string", secret: true, environment: "CO_API_KEY" },
  baseUrl: { type: "string", environment: "CO_API_URL", fallback: DEFAULT_BASE_URL },
  clientName: { type: "string", fallback: DEFAULT_CLIENT_NAME },
  allowRetrain: { type: "boolean", fallback: "true" },
  maxTrainingTokens: { type: "integer" },
  maxTrainingTokensPerUpdate: { type: "integer" },
  skipCredentialsValidation: { type: "boolean", fallback: "false" },
};

function configProperty(key: keyof ConfiguredConnection): PropertySpec {
  const { type, secret, environment, fallback } = configSettings[key];
  const unset = [
    environment && `the provider process's \`${environment}\` environment variable`,
    fallback && `\`${fallback}\``,
  ].filter(Boolean);
  const description = `${docs.configDocs[key]}${unset.length > 0 ? ` When not set: ${unset.join(", else ")}.` : ""}`;
  return { type, description, ...(secret && { secret }) };
}

const configKeys = Object.keys(configSettings) as (keyof ConfiguredConnection)[];

export function packageSchema(release: PluginRelease): PackageSchema {
  const goModule = `${release.repository.replace(/^https:\/\//, "")}/sdk`;
  return {
    name: packageName,
    displayName: docs.packageDocs.displayName,
    description: docs.packageDocs.description,
    version: release.version,
    license: "Apache-2.0",
    repository: release.repository,
    pluginDownloadURL: release.pluginDownloadURL,
    keywords: ["pulumi", "cohere", "fine-tuning", "category/cloud", "kind/native"],
    // Every SDK takes the schema's version (Python's would otherwise be 0.0.0, and Node.js's the CLI's default).
    language: {
      // Not `@pulumi/cohere` (Pulumi's scope), nor the dynamic package's own name, `pulumi-cohere-finetuning`.
      nodejs: { packageName: "pulumi-cohere", respectSchemaVersion: true },
      python: { packageName: "pulumi_cohere", respectSchemaVersion: true },
      // The module is published from the repository's `sdk/` directory, as Pulumi's own providers are.
      go: { importBasePath: `${goModule}/go/${packageName}`, respectSchemaVersion: true },
      csharp: { rootNamespace: "Pulumi", packageReferences: { Pulumi: "3.*" }, respectSchemaVersion: true },
    },
    config: {
      variables: Object.fromEntries(
        configKeys.map((key) => {
          const { environment } = configSettings[key];
          return [
            key,
            { ...configProperty(key), ...(environment && { defaultInfo: { environment: [environment] } }) },
          ];
        }),
      ),
    },
    provider: {
      description: `The provider of Cohere fine-tuned models and datasets; stack config \`${packageName}:*\` configures the default one.`,
      // No defaultInfo: SDKs would read the program's environment into an explicit provider's inputs, and so into
      // state; the provider process reads the environment itself.
      inputProperties: Object.fromEntries(configKeys.map((key) => [key, configProperty(key)])),
    },
    resources: {
      [typeToken("FinetunedModel")]: resource("FinetunedModel", modelInputs, modelOutputs),
      [typeToken("Dataset")]: resource("Dataset", datasetInputs, datasetOutputs),
    },
    types: Object.fromEntries(
      Object.entries(types).map(([name, spec]) => [typeToken(name as TypeName), spec]),
    ),
  };
}
