/** Plain (resolved) shapes of a Dataset's inputs and outputs, as the provider sees them. */
import type { DatasetUploadOptions } from "../cohere/datasets";
import type { DatasetType } from "../cohere/enums";
import type { ResourceMetadata } from "../lifecycle/resourceMetadata";

/** Cohere requires dataset names shorter than 50 characters. */
export const maxDatasetNameLength = 49;

/** Upload options are sent with the upload; Cohere cannot change them afterwards, so changing any replaces. */
export interface DatasetInputs extends DatasetUploadOptions, ResourceMetadata {
  name?: string;
  type: DatasetType;
  /** Local path; a relative path resolves against the working directory, the Pulumi project directory. */
  dataFile: string;
  evalDataFile?: string;
  /** SHA-256 (hex) of the data file's content, computed by the resource class when the program runs. */
  dataFileHash?: string;
  evalDataFileHash?: string;
  waitForValidation?: boolean;
}

export interface DatasetOutputs extends DatasetInputs {
  /** The dataset's name at Cohere. */
  name: string;
  /** True when no name was declared and the provider chose it. */
  nameIsGenerated?: boolean;
  validationStatus: string;
  validationError?: string;
  validationWarnings?: string[];
  totalExamples?: number;
  trainExamples?: number;
  evalExamples?: number;
  trainableTokenCount?: number;
  createdAt?: string;
  /** True once Cohere no longer has the dataset (it deletes datasets after 30 days). */
  expired?: boolean;
}

export const uploadOptionKeys = [
  "keepOriginalFile",
  "skipMalformedInput",
  "keepFields",
  "optionalFields",
  "textSeparator",
  "csvDelimiter",
] as const;

/** What a program declares for a dataset (a declarative stack's dataset entry holds the same). */
export const declaredDatasetKeys = [
  "name",
  "type",
  "dataFile",
  "evalDataFile",
  ...uploadOptionKeys,
  "waitForValidation",
] as const;

/** The input keys the provider stores and compares; everything else in outputs comes from the service. */
export const datasetInputKeys = [
  ...declaredDatasetKeys,
  "dataFileHash",
  "evalDataFileHash",
  "timeouts",
  "resourceName",
  "autoNameScope",
] as const;
