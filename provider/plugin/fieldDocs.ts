/**
 * What each field of the `cohere` plugin's schema means, in plain language, written once: the schema builds its
 * descriptions from these tables, and their key types make a field added to the resources' types without a
 * description fail to compile.
 */
import { BaseType, Status, ValidationStatus } from "../cohere/enums";
import {
  HyperparameterName,
  hyperparameterNames,
  hyperparameterRules,
  hyperparameterTableRow,
} from "../finetunedModel/hyperparameters";
import type { ConfiguredConnection } from "../lifecycle/connection";
import type { ResourceMetadata } from "../lifecycle/resourceMetadata";
import type {
  BaseModelSpec,
  FinetunedModelOutputs,
  QualityGateSpec,
  SettingsSpec,
  WandbSpec,
} from "../finetunedModel/types";
import { maxDatasetNameLength, type DatasetOutputs } from "../dataset/types";

/** A resource's fields in the plugin: its outputs (which embed its inputs) minus what only the dynamic host adds. */
export type PluginFields<Outputs> = Exclude<keyof Outputs, keyof ResourceMetadata>;

const upperFirst = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
const codeList = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(", ");

export const packageDocs = {
  displayName: "Cohere fine-tuning",
  description:
    "Cohere fine-tuned models, and the datasets they train on, managed through Cohere's fine-tuning API or any " +
    "Cohere-compatible endpoint. Cohere stopped offering fine-tuning to new customers on 2025-09-15: organisations " +
    "that already fine-tune can still use it.",
};

/** How each setting behaves when it is not set is added by the schema, from the same table as its defaults. */
export const configDocs: Record<keyof ConfiguredConnection, string> = {
  apiKey: "The Cohere API key.",
  baseUrl: "The base URL of the Cohere API, or of a Cohere-compatible endpoint such as the bundled emulator.",
  clientName: "The `X-Client-Name` header sent with every request.",
  allowRetrain:
    "`false` makes every change that would start a new (paid) training fail at preview, unless the model sets " +
    "`allowRetrain: true`; creating a model that does not exist yet is always allowed.",
  maxTrainingTokens:
    "The most tokens (trainable tokens × epochs) one training of any model may process, unless the model sets its " +
    "own `maxTrainingTokens`. A training over it fails at preview when its dataset's size is known, otherwise " +
    "before its create is sent; never once it has started.",
  maxTrainingTokensPerUpdate:
    "The most tokens all the trainings one `pulumi up` starts may process together. An update over it fails at " +
    "preview when the datasets' sizes are known; otherwise each training that would pass it fails before its create " +
    "is sent.",
  skipCredentialsValidation:
    "`true` skips the one read per provider with which a preview that would create, update or replace something " +
    "first checks that Cohere accepts the API key (a rejected key then fails only the update).",
};

export const resourceDocs = {
  FinetunedModel:
    "A Cohere fine-tuned model: a base model trained on a dataset. A change to the base model, the dataset, the " +
    "hyperparameters or `multiLabel` trains a new model under a fresh name, created before the old one is deleted " +
    "(`deleteBeforeReplace` reverses that), so the old one serves until the new one is ready. A new `name` renames " +
    "the model in place; W&B settings, `waitForReady`, `allowRetrain` and `qualityGate` are only recorded.",
  Dataset:
    "A local file uploaded as a Cohere dataset and validated for fine-tuning. Cohere cannot change an uploaded " +
    "dataset: new file content, a new name, type or upload option uploads a new dataset that replaces this one " +
    "(and, through its new id, retrains the models on it). Cohere deletes datasets after 30 days; `refresh` then " +
    "keeps the record with `expired: true`.",
};

export const finetunedModelDocs: Record<PluginFields<FinetunedModelOutputs>, string> = {
  name:
    "The model's name at Cohere; renaming it updates the model in place. When omitted the provider names it " +
    "`<resource name>-<suffix>`, chosen when the model is created, kept across runs and fresh for every replacement.",
  settings: "What to train.",
  waitForReady:
    `Wait until the model is \`${Status.Ready}\` before the resource counts as created (default \`true\`). The wait ` +
    "honours `customTimeouts.create`; a model that fails or times out stays in the stack, and the next `pulumi up` " +
    "replaces it (failed) or resumes waiting (timed out).",
  adoptModelId:
    "Manage the existing fine-tuned model with this id (a UUID) instead of training one. The declared settings " +
    "must be the ones it was trained with; it keeps its name unless `name` is declared. Naming another model " +
    "replaces the resource with that model.",
  allowRetrain:
    "Whether a change may start a new (paid) training of this model: a replacement, or a retraining after a " +
    "failure or drift. `false` makes such a change fail at preview, naming the fields that caused it; creating the " +
    "model is always allowed. Defaults to the provider's `allowRetrain`, else `true`.",
  maxTrainingTokens:
    "The most tokens (the dataset's trainable tokens × epochs) one training of this model may process; overrides " +
    "the provider's `maxTrainingTokens`. A training over it fails at preview when the dataset's size is known, " +
    "otherwise before its create is sent (after the dataset's upload and validation). Changing it makes no API call.",
  qualityGate:
    `Thresholds the training's last evaluation must meet. A model that ends \`${Status.Ready}\` but misses one ` +
    "fails the create or replacement and stays in the stack, while the model it replaces keeps serving. Changing " +
    "them makes no API call.",
  nameIsGenerated: "True when no name was declared: the provider chose it (or kept an adopted model's).",
  status: `Cohere's status of the model, one of ${codeList(Object.values(Status))}.`,
  createdAt: "When Cohere created the model.",
  updatedAt: "When Cohere last updated the model.",
  completedAt: "When the training completed.",
  lastUsed: "When the model last served a request.",
  creatorId: "The id of the Cohere user who created the model.",
  organizationId: "The id of the Cohere organisation that owns the model.",
  baseModelVersion: "The version of the base model Cohere reports having trained from.",
  inferenceModelName: "The name to pass as `model` to Cohere's inference APIs: `<id>-ft`.",
  trainedSettings: "What Cohere reports the model was trained with, its defaults filled in.",
  trainingMetrics:
    "The metrics of the training's last evaluation, in camelCase as Cohere names them: `accuracy`, " +
    "`crossEntropy`, `generationAccuracy`, `generationCrossEntropy`, ...",
  trainingSteps: "The training step of that last evaluation.",
};

export const settingsDocs: Record<keyof SettingsSpec, string> = {
  baseModel: "The model to fine-tune.",
  datasetId: "The id of a validated Cohere dataset, e.g. a `Dataset` resource's `id`.",
  hyperparameters: "Training hyperparameters; `{}`, null and omitted all mean Cohere's defaults.",
  multiLabel: `Multi-label classification (\`${BaseType.Classification}\` models only).`,
  wandb:
    `Weights & Biases reporting (\`${BaseType.Chat}\` models only). Changing it never retrains: it is recorded ` +
    "without an API call.",
};

export const baseModelDocs: Record<keyof BaseModelSpec, string> = {
  baseType: "The kind of model to fine-tune.",
  name: `The base model's name; \`${BaseType.Rerank}\` takes \`english\` or \`multilingual\`.`,
  strategy: "The fine-tuning strategy.",
};

export const wandbDocs: Record<keyof WandbSpec, string> = {
  project: "The W&B project to log to.",
  apiKey:
    "The W&B API key, a secret: it is sent only in the request that starts a training (Cohere deletes it after the " +
    "job) and never kept in outputs, so a new key alone changes nothing.",
  entity: "The W&B entity (team or user).",
};

/** A markdown table row's cells. */
const cells = (row: string) =>
  row
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());

/** What the README's table says of each hyperparameter (an enum's values are in its type). */
export const hyperparameterDocs = Object.fromEntries(
  hyperparameterNames.map((name) => {
    const [, range, defaultValue, doc] = cells(hyperparameterTableRow(name));
    const rangeText = hyperparameterRules[name].kind === "enum" ? "" : `: ${range}`;
    return [name, `${upperFirst(doc)}${rangeText} (default: ${defaultValue}).`];
  }),
) as Record<HyperparameterName, string>;

export const qualityGateDocs: Record<keyof QualityGateSpec, string> = {
  minAccuracy: "The lowest acceptable `accuracy`, 0–1.",
  maxCrossEntropy: "The highest acceptable `crossEntropy`, at least 0.",
};

export const datasetDocs: Record<PluginFields<DatasetOutputs>, string> = {
  name:
    `The dataset's name at Cohere, at most ${maxDatasetNameLength} characters. When omitted the provider names it ` +
    "`<resource name>-<suffix>`, kept across runs and fresh for every replacement.",
  type: "What the rows are for; Cohere validates them against that type's rules.",
  dataFile:
    "Path of the local training file (JSONL or CSV: Cohere reads the format from the extension). A relative path " +
    "resolves against the Pulumi project directory. The provider hashes the file's content, so new content " +
    "replaces the dataset, while moving the file does not. Required to upload; a dataset `pulumi import` " +
    "recorded may omit it, and the file first declared for it is then taken as the one uploaded.",
  evalDataFile: "Path of a local evaluation file; without one Cohere holds out part of `dataFile`.",
  keepOriginalFile: "Whether Cohere also stores the original file.",
  skipMalformedInput: "Drop malformed rows (listed in `validationWarnings`) instead of failing validation.",
  keepFields:
    "Fields to keep besides the type's required ones; validation fails when a row lacks one. Their order means " +
    "nothing.",
  optionalFields:
    "Fields to keep besides the type's required ones; rows may lack them. Their order means nothing.",
  textSeparator: "What splits a raw `.txt` upload into entries.",
  csvDelimiter: "The delimiter of a `.csv` upload, one character.",
  waitForValidation:
    "Wait until Cohere has finished validating before the resource counts as created (default `true`). The wait " +
    "honours `customTimeouts.create`; a dataset that fails validation or times out stays in the stack, and the " +
    "next `pulumi up` replaces it (failed) or resumes waiting (timed out). Only a validated dataset can be trained " +
    "on. Changing this makes no API call.",
  nameIsGenerated: "True when no name was declared and the provider chose it.",
  validationStatus: `Cohere's validation status, one of ${codeList(Object.values(ValidationStatus))}.`,
  validationError: "Why validation failed.",
  validationWarnings: "Cohere's validation warnings, e.g. the rows `skipMalformedInput` dropped.",
  totalExamples: "The number of examples in the dataset.",
  trainExamples: "The number of examples used for training.",
  evalExamples: "The number of examples held out for evaluation.",
  trainableTokenCount: "The number of tokens one epoch of a training on the dataset trains on.",
  createdAt: "When Cohere created the dataset.",
  expired:
    "True once Cohere no longer has the dataset (it deletes datasets after 30 days). The record stays, so the " +
    "models trained on it are not retrained; new file content, or `pulumi up --replace`, uploads it again.",
  dataFileHash: "SHA-256 (hex) of the uploaded training file's content.",
  evalDataFileHash: "SHA-256 (hex) of the uploaded evaluation file's content.",
};

export const typeDocs = {
  Settings: "What to train: the base model, the dataset and how.",
  DeclaredSettings: "The declared settings as the stack records them: without the W&B key.",
  TrainedSettings: "What Cohere reports a model was trained with.",
  BaseModel: settingsDocs.baseModel,
  TrainedBaseModel:
    "The base model as Cohere reports it; its type and strategy may be any of Cohere's values.",
  Hyperparameters:
    "Training hyperparameters, ranges and defaults as Cohere documents them for chat fine-tuning; each one is " +
    "optional (Cohere's default when omitted).",
  Wandb: settingsDocs.wandb,
  WandbWithoutKey: "Weights & Biases reporting as recorded: the project and entity, never the key.",
  QualityGate: "Thresholds a training's last evaluation must meet.",
  BaseType: `The kind of base model. \`${BaseType.Generative}\` is deprecated by Cohere, no longer trains and is not accepted.`,
  Strategy: "The fine-tuning strategy.",
  LoraTargetModules: `${upperFirst(hyperparameterRules.loraTargetModules.doc)}.`,
  DatasetType: "What a dataset's rows are for.",
};

export const deprecatedByCohere = "Deprecated by Cohere.";
