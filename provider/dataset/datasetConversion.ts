/** Dataset spec <-> Cohere's wire format: the multipart upload of the declared files, and outputs from the wire. */
import * as path from "node:path";
import type { CreateDatasetRequest } from "../cohere/datasets";
import type { WireDataset } from "../cohere/wireTypes";
import type { DatasetInputs, DatasetOutputs } from "./types";
import type { DatasetType } from "../cohere/enums";
import { withoutUndefined } from "../lifecycle/plainObjects";
import { fileBlob } from "./fileHashes";

/** Check refuses an upload without its file; only a dataset `pulumi import` recorded may lack one, and is never uploaded. */
export async function uploadRequest(name: string, inputs: DatasetInputs): Promise<CreateDatasetRequest> {
  const { dataFile } = inputs;
  if (dataFile === undefined) throw new Error(`dataset ${name} has no dataFile to upload`);
  return {
    name,
    type: inputs.type,
    data: await fileBlob(dataFile),
    // Cohere reads the format from the extension, so the upload keeps the local file's name.
    dataFileName: path.basename(dataFile),
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
