/**
 * A FinetunedModel's fields, each declared once: its type and range, whether a change retrains or updates in
 * place, its doc, its wire name and how a declarative stack spells it. Everything else is derived from here.
 */
import { BaseType, Status, Strategy } from "../cohere/enums";
import { codeList, fieldsChanging, type FieldTable, type ObjectField, type ValuesOf } from "../fields/field";
import { hyperparameterFields } from "./hyperparameters";

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The base types a training may declare (`Generative` is deprecated by Cohere and no longer trains). */
export const trainableBaseTypes = [BaseType.Chat, BaseType.Classification, BaseType.Rerank] as const;
export const rerankModelNames = ["english", "multilingual"];
export const deprecatedByCohere = "Deprecated by Cohere.";

export const finetunedModelDoc =
  "A Cohere fine-tuned model: a base model trained on a dataset. A change to the base model, the dataset, the " +
  "hyperparameters or `multiLabel` trains a new model under a fresh name, created before the old one is deleted " +
  "(`deleteBeforeReplace` reverses that), so the old one serves until the new one is ready. A new `name` renames " +
  "the model in place; W&B settings, `waitForReady`, `allowRetrain` and `qualityGate` are only recorded.";

const baseModelFields = {
  baseType: {
    type: "enum",
    schemaType: "BaseType",
    values: trainableBaseTypes,
    constants: BaseType,
    required: true,
    wire: "base_type",
    doc: "The kind of model to fine-tune.",
    typeDoc:
      `The kind of base model. \`${BaseType.Generative}\` is deprecated by Cohere, no longer trains and is not ` +
      "accepted.",
  },
  name: {
    type: "string",
    wire: "name",
    stack: "baseModelName",
    doc: `The base model's name; \`${BaseType.Rerank}\` takes \`english\` or \`multilingual\`.`,
  },
  strategy: {
    type: "enum",
    schemaType: "Strategy",
    values: Object.values(Strategy),
    constants: Strategy,
    wire: "strategy",
    deprecated: deprecatedByCohere,
    doc: "The fine-tuning strategy.",
    typeDoc: "The fine-tuning strategy.",
  },
} as const satisfies FieldTable;

const wandbFields = {
  project: { type: "string", required: true, wire: "project", doc: "The W&B project to log to." },
  apiKey: {
    type: "string",
    required: true,
    secret: true,
    wire: "api_key",
    stack: false,
    stackSecret: "wandbApiKey",
    doc:
      "The W&B API key, a secret: it is sent only in the request that starts a training (Cohere deletes it after " +
      "the job) and never kept in outputs, so a new key alone changes nothing.",
  },
  entity: { type: "string", wire: "entity", doc: "The W&B entity (team or user)." },
} as const satisfies FieldTable;

const wandbDoc =
  `Weights & Biases reporting (\`${BaseType.Chat}\` models only). Changing it never retrains: it is recorded ` +
  "without an API call.";

export const settingsFields = {
  baseModel: {
    type: "object",
    schemaType: "BaseModel",
    typeDoc: "The model to fine-tune.",
    fields: baseModelFields,
    required: true,
    change: "replace",
    wire: "base_model",
    stack: "inline",
    doc: "The model to fine-tune.",
  },
  datasetId: {
    type: "string",
    required: true,
    change: "replace",
    wire: "dataset_id",
    doc: "The id of a validated Cohere dataset, e.g. a `Dataset` resource's `id`.",
  },
  hyperparameters: {
    type: "object",
    schemaType: "Hyperparameters",
    typeDoc:
      "Training hyperparameters, ranges and defaults as Cohere documents them for chat fine-tuning; each one is " +
      "optional (Cohere's default when omitted).",
    fields: hyperparameterFields,
    change: "replace",
    wire: "hyperparameters",
    doc: "Training hyperparameters; `{}`, null and omitted all mean Cohere's defaults.",
    changeNote: "replace (the table below)",
  },
  multiLabel: {
    type: "boolean",
    change: "replace",
    wire: "multi_label",
    doc: `Multi-label classification (\`${BaseType.Classification}\` models only).`,
  },
  wandb: {
    type: "object",
    schemaType: "Wandb",
    typeDoc: wandbDoc,
    fields: wandbFields,
    recorded: {
      schemaType: "WandbWithoutKey",
      typeDoc: "Weights & Biases reporting as recorded: the project and entity, never the key.",
    },
    change: "custom",
    changeNote: "project/entity: recorded, no API call; a new key alone: nothing to do",
    wire: "wandb",
    doc: wandbDoc,
  },
} as const satisfies FieldTable;

/** The settings a training is made from: a change to any of them trains anew. */
export const trainingFields = fieldsChanging(settingsFields, "replace") as (keyof typeof settingsFields)[];

export const qualityGateFields = {
  minAccuracy: { type: "number", min: 0, max: 1, doc: "The lowest acceptable `accuracy`, 0–1." },
  maxCrossEntropy: { type: "number", min: 0, doc: "The highest acceptable `crossEntropy`, at least 0." },
} as const satisfies FieldTable;

export type QualityGateSpec = ValuesOf<typeof qualityGateFields>;

export const finetunedModelFields = {
  name: {
    type: "string",
    change: "custom",
    changeNote: "renames in place (PATCH)",
    outputRequired: true,
    doc:
      "The model's name at Cohere; renaming it updates the model in place. When omitted the provider names it " +
      "`<resource name>-<suffix>`, chosen when the model is created, kept across runs and fresh for every " +
      "replacement.",
  },
  settings: {
    type: "object",
    schemaType: "Settings",
    typeDoc: "What to train: the base model, the dataset and how.",
    fields: settingsFields,
    recorded: {
      schemaType: "DeclaredSettings",
      typeDoc: "The declared settings as the stack records them: without the W&B key.",
      doc: "The declared settings as the stack records them: without the W&B key.",
    },
    required: true,
    stack: "inline",
    doc: "What to train.",
  },
  waitForReady: {
    type: "boolean",
    change: "update",
    changeNote: "recorded",
    doc:
      `Wait until the model is \`${Status.Ready}\` before the resource counts as created (default \`true\`). The ` +
      "wait honours `customTimeouts.create`; a model that fails or times out stays in the stack, and the next " +
      "`pulumi up` replaces it (failed) or resumes waiting (timed out).",
  },
  adoptModelId: {
    type: "string",
    pattern: uuidPattern,
    hint: "must be a fine-tuned model id (a UUID)",
    change: "custom",
    changeNote: "replace if it names another model",
    doc:
      "Manage the existing fine-tuned model with this id (a UUID) instead of training one. The declared settings " +
      "must be the ones it was trained with; it keeps its name unless `name` is declared. Naming another model " +
      "replaces the resource with that model.",
  },
  allowRetrain: {
    type: "boolean",
    change: "update",
    changeNote: "recorded",
    doc:
      "Whether a change may start a new (paid) training of this model: a replacement, or a retraining after a " +
      "failure or drift. `false` makes such a change fail at preview, naming the fields that caused it; creating " +
      "the model is always allowed. Defaults to the provider's `allowRetrain`, else `true`.",
  },
  qualityGate: {
    type: "object",
    schemaType: "QualityGate",
    typeDoc: "Thresholds a training's last evaluation must meet.",
    fields: qualityGateFields,
    change: "update",
    changeNote: "recorded, re-checked without an API call",
    doc:
      `Thresholds the training's last evaluation must meet. A model that ends \`${Status.Ready}\` but misses one ` +
      "fails the create or replacement and stays in the stack, while the model it replaces keeps serving. " +
      "Changing them makes no API call.",
  },
  maxTrainingTokens: {
    type: "integer",
    min: 1,
    change: "update",
    changeNote: "recorded",
    doc:
      "The most tokens (the dataset's trainable tokens × epochs) one training of this model may process; " +
      "overrides the provider's `maxTrainingTokens`. A training over it fails at preview when the dataset's size " +
      "is known, otherwise before its create is sent (after the dataset's upload and validation). Changing it " +
      "makes no API call.",
  },
} as const satisfies FieldTable;

/** Cohere may report a base type or strategy that a declaration may not use (a legacy generative model). */
const trainedBaseModel = {
  ...settingsFields.baseModel,
  schemaType: "TrainedBaseModel",
  typeDoc: "The base model as Cohere reports it; its type and strategy may be any of Cohere's values.",
  fields: {
    ...baseModelFields,
    baseType: { type: "string", required: true, wire: "base_type", doc: baseModelFields.baseType.doc },
    strategy: { type: "string", wire: "strategy", doc: baseModelFields.strategy.doc },
  },
} as const satisfies ObjectField;

/** What only Cohere reports; outputs also hold the declared inputs (the W&B key left out). */
export const finetunedModelOutputFields = {
  nameIsGenerated: {
    type: "boolean",
    doc: "True when no name was declared: the provider chose it (or kept an adopted model's).",
  },
  status: {
    type: "string",
    required: true,
    doc: `Cohere's status of the model, one of ${codeList(Object.values(Status))}.`,
  },
  createdAt: { type: "string", doc: "When Cohere created the model." },
  updatedAt: { type: "string", doc: "When Cohere last updated the model." },
  completedAt: { type: "string", doc: "When the training completed." },
  lastUsed: { type: "string", doc: "When the model last served a request." },
  creatorId: { type: "string", doc: "The id of the Cohere user who created the model." },
  organizationId: { type: "string", doc: "The id of the Cohere organisation that owns the model." },
  baseModelVersion: {
    type: "string",
    doc: "The version of the base model Cohere reports having trained from.",
  },
  inferenceModelName: {
    type: "string",
    required: true,
    doc: "The name to pass as `model` to Cohere's inference APIs: `<id>-ft`.",
  },
  trainedSettings: {
    type: "object",
    schemaType: "TrainedSettings",
    typeDoc: "What Cohere reports a model was trained with.",
    fields: {
      ...settingsFields,
      baseModel: trainedBaseModel,
      wandb: {
        ...settingsFields.wandb,
        fields: { project: wandbFields.project, entity: wandbFields.entity },
      },
    },
    doc: "What Cohere reports the model was trained with, its defaults filled in.",
  },
  trainingMetrics: {
    type: "numbers",
    doc:
      "The metrics of the training's last evaluation, in camelCase as Cohere names them: `accuracy`, " +
      "`crossEntropy`, `generationAccuracy`, `generationCrossEntropy`, ...",
  },
  trainingSteps: { type: "integer", doc: "The training step of that last evaluation." },
} as const satisfies FieldTable;
