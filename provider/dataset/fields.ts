/**
 * A Dataset's fields, each declared once: its type, whether a change uploads a new dataset or is recorded, its doc
 * and how a declarative stack spells it. Everything else is derived from here.
 */
import { DatasetType, ValidationStatus } from "../cohere/enums";
import { codeList, type FieldTable } from "../fields/field";

/** Cohere requires dataset names shorter than 50 characters. */
export const maxDatasetNameLength = 49;

const sha256 = { pattern: /^[0-9a-f]{64}$/, hint: "must be a SHA-256 hex digest" } as const;

export const datasetDoc =
  "A local file uploaded as a Cohere dataset and validated for fine-tuning. Cohere cannot change an uploaded " +
  "dataset: new file content, a new name, type or upload option uploads a new dataset that replaces this one " +
  "(and, through its new id, retrains the models on it). Cohere deletes datasets after 30 days; `refresh` then " +
  "keeps the record with `expired: true`.";

export const datasetFields = {
  name: {
    type: "string",
    maxLength: maxDatasetNameLength,
    change: "replace",
    outputRequired: true,
    doc:
      `The dataset's name at Cohere, at most ${maxDatasetNameLength} characters. When omitted the provider names ` +
      "it `<resource name>-<suffix>`, kept across runs and fresh for every replacement.",
  },
  type: {
    type: "enum",
    schemaType: "DatasetType",
    typeDoc: "What a dataset's rows are for.",
    values: Object.values(DatasetType),
    constants: DatasetType,
    required: true,
    change: "replace",
    doc: "What the rows are for; Cohere validates them against that type's rules.",
  },
  dataFile: {
    type: "string",
    change: "update",
    changeNote: "new content: replace; the same content elsewhere: recorded",
    doc:
      "Path of the local training file (JSONL or CSV: Cohere reads the format from the extension). A relative " +
      "path resolves against the Pulumi project directory. The provider hashes the file's content, so new content " +
      "replaces the dataset, while moving the file does not. Required to upload; a dataset `pulumi import` " +
      "recorded may omit it, and the file first declared for it is then taken as the one uploaded.",
  },
  evalDataFile: {
    type: "string",
    change: "update",
    changeNote: "as `dataFile`",
    doc: "Path of a local evaluation file; without one Cohere holds out part of `dataFile`.",
  },
  keepOriginalFile: {
    type: "boolean",
    change: "replace",
    doc: "Whether Cohere also stores the original file.",
  },
  skipMalformedInput: {
    type: "boolean",
    change: "replace",
    doc: "Drop malformed rows (listed in `validationWarnings`) instead of failing validation.",
  },
  keepFields: {
    type: "strings",
    change: "replace",
    doc:
      "Fields to keep besides the type's required ones; validation fails when a row lacks one. Their order " +
      "means nothing.",
  },
  optionalFields: {
    type: "strings",
    change: "replace",
    doc: "Fields to keep besides the type's required ones; rows may lack them. Their order means nothing.",
  },
  textSeparator: {
    type: "string",
    change: "replace",
    doc: "What splits a raw `.txt` upload into entries.",
  },
  csvDelimiter: {
    type: "string",
    change: "replace",
    doc: "The delimiter of a `.csv` upload, one character.",
  },
  waitForValidation: {
    type: "boolean",
    change: "update",
    changeNote: "recorded",
    doc:
      "Wait until Cohere has finished validating before the resource counts as created (default `true`). The " +
      "wait honours `customTimeouts.create`; a dataset that fails validation or times out stays in the stack, and " +
      "the next `pulumi up` replaces it (failed) or resumes waiting (timed out). Only a validated dataset can be " +
      "trained on. Changing this makes no API call.",
  },
  dataFileHash: {
    type: "string",
    ...sha256,
    computed: true,
    change: "replace",
    doc: "SHA-256 (hex) of the uploaded training file's content.",
  },
  evalDataFileHash: {
    type: "string",
    ...sha256,
    computed: true,
    change: "replace",
    doc: "SHA-256 (hex) of the uploaded evaluation file's content.",
  },
} as const satisfies FieldTable;

/** What only Cohere reports; outputs also hold the declared inputs. */
export const datasetOutputFields = {
  nameIsGenerated: { type: "boolean", doc: "True when no name was declared and the provider chose it." },
  validationStatus: {
    type: "string",
    required: true,
    doc: `Cohere's validation status, one of ${codeList(Object.values(ValidationStatus))}.`,
  },
  validationError: { type: "string", doc: "Why validation failed." },
  validationWarnings: {
    type: "strings",
    doc: "Cohere's validation warnings, e.g. the rows `skipMalformedInput` dropped.",
  },
  totalExamples: { type: "integer", doc: "The number of examples in the dataset." },
  trainExamples: { type: "integer", doc: "The number of examples used for training." },
  evalExamples: { type: "integer", doc: "The number of examples held out for evaluation." },
  trainableTokenCount: {
    type: "integer",
    doc: "The number of tokens one epoch of a training on the dataset trains on.",
  },
  createdAt: { type: "string", doc: "When Cohere created the dataset." },
  expired: {
    type: "boolean",
    doc:
      "True once Cohere no longer has the dataset (it deletes datasets after 30 days). The record stays, so the " +
      "models trained on it are not retrained; new file content, or `pulumi up --replace`, uploads it again.",
  },
} as const satisfies FieldTable;
