/** Dataset spec <-> Cohere's wire format: the multipart upload read from local files, and outputs from the wire. */
import { createHash } from "crypto";
import { createReadStream, promises as fs } from "fs";
import * as path from "path";
import type { CreateDatasetRequest } from "../cohere/datasets";
import type { WireDataset } from "../cohere/wire";
import type { DatasetInputs, DatasetOutputs } from "./types";
import type { DatasetType } from "../cohere/enums";
import { withoutUndefined } from "../lifecycle/plainObjects";

export interface UploadFile {
  content: Buffer;
  /** Cohere reads the format from the extension, so the upload keeps the local file's name. */
  fileName: string;
  sha256: string;
}

/** Streams the file, so hashing at program time never holds a large dataset in memory. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path.resolve(file))) hash.update(chunk);
  return hash.digest("hex");
}

export async function readUploadFile(file: string): Promise<UploadFile> {
  const content = await fs.readFile(path.resolve(file));
  const sha256 = createHash("sha256").update(content).digest("hex");
  return { content, fileName: path.basename(file), sha256 };
}

export function uploadRequest(
  inputs: DatasetInputs,
  data: UploadFile,
  evalData?: UploadFile,
): CreateDatasetRequest {
  return {
    name: inputs.name!,
    type: inputs.type,
    data: data.content,
    dataFileName: data.fileName,
    evalData: evalData?.content,
    evalDataFileName: evalData?.fileName,
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
