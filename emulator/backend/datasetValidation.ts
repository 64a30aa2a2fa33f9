import type { DatasetType } from "../wire/enums";
import type { WireFinetuneDatasetMetrics } from "../wire/types";
import { FINETUNE_RULES, type DatasetRules, type RowTally } from "./datasetRules";
import { JsonlFileError, jsonlRows } from "./jsonl";

/** An uploaded file as stored: its content can be read again, as a stream, as often as needed. */
export interface UploadedFile {
  filename: string;
  sizeBytes: number;
  content(): AsyncIterable<Uint8Array>;
}

export interface DatasetPartSummary {
  name: string;
  sizeBytes: number;
  numRows: number;
}

/** Decided at upload, revealed once the validation delay has passed. */
export interface ValidationOutcome {
  status: "validated" | "failed";
  error?: string;
  warnings: string[];
  parts: DatasetPartSummary[];
  metrics?: WireFinetuneDatasetMetrics;
}

/** What the valid rows of (part of) a file add up to. */
interface Totals {
  rows: number;
  bytes: number;
  characters: number;
}

/** Share of the `data` file held out for evaluation when no `eval_data` file is given. */
const EVAL_SHARE = 0.2;
const CHARS_PER_TOKEN = 4;

class RowError extends Error {}

/**
 * Validates the files by streaming them row by row, so memory stays small whatever their size;
 * the held-out split of a lone `data` file takes a second pass, once the row count is known.
 */
export async function validateUpload(
  type: DatasetType,
  data: UploadedFile,
  evalData: UploadedFile | undefined,
  skipMalformedInput: boolean,
): Promise<ValidationOutcome> {
  const rules = FINETUNE_RULES[type];
  const warnings: string[] = [];
  const parts = [data, evalData].flatMap((file) =>
    file ? [{ name: file.filename, sizeBytes: file.sizeBytes, numRows: 0 }] : [],
  );
  const failed = (error: string): ValidationOutcome => ({ status: "failed", error, warnings, parts });
  const scanOf = (file: UploadedFile, label: string, tally?: RowTally) =>
    scan(file, label, { rules, tally, skipMalformedInput, warnings });
  try {
    const tally = rules?.tally();
    const dataTotals = await scanOf(data, "data", tally);
    parts[0].numRows = dataTotals.rows;
    if (!rules || !tally) {
      return dataTotals.rows > 0
        ? { status: "validated", warnings, parts }
        : failed("data file contains no examples");
    }
    const problem = tally.problem();
    if (problem) return failed(problem);
    let train = dataTotals;
    let evaluation: Totals;
    if (evalData) {
      evaluation = await scanOf(evalData, "eval_data");
      parts[1].numRows = evaluation.rows;
    } else {
      const held = Math.floor(dataTotals.rows * EVAL_SHARE);
      train = await firstValidRows(data, rules, dataTotals.rows - held);
      evaluation = {
        rows: held,
        bytes: dataTotals.bytes - train.bytes,
        characters: dataTotals.characters - train.characters,
      };
    }
    return { status: "validated", warnings, parts, metrics: metricsOf(train, evaluation) };
  } catch (error) {
    if (error instanceof RowError) return failed(error.message);
    throw error;
  }
}

async function scan(
  file: UploadedFile,
  label: string,
  options: { rules?: DatasetRules; tally?: RowTally; skipMalformedInput: boolean; warnings: string[] },
): Promise<Totals> {
  const totals: Totals = { rows: 0, bytes: 0, characters: 0 };
  try {
    for await (const row of jsonlRows(file.content())) {
      const problem = row.error ?? (row.value && options.rules?.checkRow(row.value));
      if (!problem && row.value) {
        totals.rows++;
        totals.bytes += row.bytes;
        if (options.rules) totals.characters += options.rules.trainableText(row.value).length;
        options.tally?.add(row.value);
      } else if (options.skipMalformedInput) {
        options.warnings.push(`${label} row ${row.line} skipped: ${problem}`);
      } else {
        throw new RowError(`${label} row ${row.line}: ${problem}`);
      }
    }
  } catch (error) {
    if (error instanceof JsonlFileError) throw new RowError(`${label}: ${error.message}`);
    throw error;
  }
  return totals;
}

/** The totals of the first `count` valid rows: the training part when the rest is held out. */
async function firstValidRows(file: UploadedFile, rules: DatasetRules, count: number): Promise<Totals> {
  const totals: Totals = { rows: 0, bytes: 0, characters: 0 };
  if (count === 0) return totals;
  for await (const row of jsonlRows(file.content())) {
    if (row.error || !row.value || rules.checkRow(row.value)) continue;
    totals.rows++;
    totals.bytes += row.bytes;
    totals.characters += rules.trainableText(row.value).length;
    if (totals.rows === count) break;
  }
  return totals;
}

function metricsOf(train: Totals, evaluation: Totals): WireFinetuneDatasetMetrics {
  return {
    trainable_token_count: Math.ceil(train.characters / CHARS_PER_TOKEN),
    total_examples: train.rows + evaluation.rows,
    train_examples: train.rows,
    train_size_bytes: train.bytes,
    eval_examples: evaluation.rows,
    eval_size_bytes: evaluation.bytes,
  };
}
