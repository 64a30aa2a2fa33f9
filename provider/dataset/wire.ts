/** Dataset spec <-> Cohere's wire format: the multipart upload read from local files, and outputs from the wire. */
import { createHash } from "node:crypto";
import { createReadStream, openAsBlob } from "node:fs";
import * as path from "node:path";
import type { CreateDatasetRequest } from "../cohere/datasets";
import type { WireDataset } from "../cohere/wire";
import type { DatasetInputs, DatasetOutputs } from "./types";
import type { DatasetType } from "../cohere/enums";
import { withoutUndefined } from "../lifecycle/plainObjects";
import { unknownValue } from "../lifecycle/rules";

/** Streams the file: hashing a 1.5 GB dataset never holds it in memory. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path.resolve(file))) hash.update(chunk);
  return hash.digest("hex");
}

/** An unreadable file hashes to undefined, and `check` then names the file and why it cannot be read. */
export function readableFileSha256(file: string | undefined): Promise<string | undefined> {
  return file ? fileSha256(file).catch(() => undefined) : Promise.resolve(undefined);
}

/** A Blob backed by the file: the upload streams it from disk instead of reading it into memory. */
export function fileBlob(file: string): Promise<Blob> {
  return openAsBlob(path.resolve(file));
}

export async function uploadRequest(name: string, inputs: DatasetInputs): Promise<CreateDatasetRequest> {
  return {
    name,
    type: inputs.type,
    data: await fileBlob(inputs.dataFile),
    // Cohere reads the format from the extension, so the upload keeps the local file's name.
    dataFileName: path.basename(inputs.dataFile),
    evalData: inputs.evalDataFile ? await fileBlob(inputs.evalDataFile) : undefined,
    evalDataFileName: inputs.evalDataFile ? path.basename(inputs.evalDataFile) : undefined,
    keepOriginalFile: inputs.keepOriginalFile,
    skipMalformedInput: inputs.skipMalformedInput,
    keepFields: inputs.keepFields,
    optionalFields: inputs.optionalFields,
    textSeparator: inputs.textSeparator,
    csvDelimiter: inputs.csvDelimiter,
  };
}

/** Outputs = the declared inputs (what later diffs compare) + what the service reports. */
export function outputsFromWire(inputs: DatasetInputs, dataset: WireDataset): DatasetOutputs {
  const metrics = dataset.metrics?.finetune_dataset_metrics;
  const outputs: DatasetOutputs = {
    ...inputs,
    name: dataset.name,
    nameIsGenerated: inputs.name === undefined ? true : undefined,
    type: dataset.dataset_type as DatasetType,
    validationStatus: dataset.validation_status,
    validationError: dataset.validation_error,
    validationWarnings: dataset.validation_warnings,
    totalExamples: metrics?.total_examples,
    trainExamples: metrics?.train_examples,
    evalExamples: metrics?.eval_examples,
    trainableTokenCount: metrics?.trainable_token_count,
    createdAt: dataset.created_at,
  };
  return withoutUndefined(outputs) as DatasetOutputs;
}

/**
 * The content hashes a Dataset's diff compares, taken where the program declared no class to take them (a plugin's
 * Check). A file that is unknown yet has an unknown hash; one that cannot be read has none, and Check names it.
 */
export async function withFileHashes(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const hashOf = async (file: unknown) =>
    file === unknownValue ? unknownValue : readableFileSha256(typeof file === "string" ? file : undefined);
  return withoutUndefined({
    ...inputs,
    dataFileHash: await hashOf(inputs.dataFile),
    evalDataFileHash: await hashOf(inputs.evalDataFile),
  });
}
