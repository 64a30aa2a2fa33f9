import type { DatasetType } from "../wire/enums";
import type { WireFinetuneDatasetMetrics } from "../wire/types";
import { FINETUNE_RULES, type DatasetRules } from "./datasetRules";
import { parseJsonl } from "./jsonl";

export interface UploadedFile {
  filename: string;
  content: Buffer;
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

interface ValidRow {
  value: Record<string, unknown>;
  bytes: number;
}

/** Share of the `data` file held out for evaluation when no `eval_data` file is given. */
const EVAL_SHARE = 0.2;
const CHARS_PER_TOKEN = 4;

export function validateUpload(
  type: DatasetType,
  data: UploadedFile,
  evalData: UploadedFile | undefined,
  skipMalformedInput: boolean,
): ValidationOutcome {
  const rules = FINETUNE_RULES[type];
  const warnings: string[] = [];
  const parts = [data, evalData].flatMap((file) =>
    file ? [{ name: file.filename, sizeBytes: file.content.length, numRows: 0 }] : [],
  );
  const failed = (error: string): ValidationOutcome => ({ status: "failed", error, warnings, parts });
  try {
    const dataRows = readRows(data, "data", rules, skipMalformedInput, warnings);
    parts[0].numRows = dataRows.length;
    if (!rules) {
      return dataRows.length > 0
        ? { status: "validated", warnings, parts }
        : failed("data file contains no examples");
    }
    const problem = rules.checkDataFile(dataRows.map((row) => row.value));
    if (problem) return failed(problem);
    let train = dataRows;
    let evaluation: ValidRow[];
    if (evalData) {
      evaluation = readRows(evalData, "eval_data", rules, skipMalformedInput, warnings);
      parts[1].numRows = evaluation.length;
    } else {
      const held = Math.floor(dataRows.length * EVAL_SHARE);
      train = dataRows.slice(0, dataRows.length - held);
      evaluation = dataRows.slice(dataRows.length - held);
    }
    return { status: "validated", warnings, parts, metrics: metricsOf(rules, train, evaluation) };
  } catch (error) {
    if (error instanceof RowError) return failed(error.message);
    throw error;
  }
}

class RowError extends Error {}

function readRows(
  file: UploadedFile,
  label: string,
  rules: DatasetRules | undefined,
  skipMalformed: boolean,
  warnings: string[],
): ValidRow[] {
  const parsed = parseJsonl(file.content);
  if ("error" in parsed) throw new RowError(`${label}: ${parsed.error}`);
  const valid: ValidRow[] = [];
  for (const row of parsed) {
    const problem = row.error ?? (row.value && rules?.checkRow(row.value));
    if (!problem && row.value) {
      valid.push({ value: row.value, bytes: row.bytes });
    } else if (skipMalformed) {
      warnings.push(`${label} row ${row.line} skipped: ${problem}`);
    } else {
      throw new RowError(`${label} row ${row.line}: ${problem}`);
    }
  }
  return valid;
}

function metricsOf(
  rules: DatasetRules,
  train: ValidRow[],
  evaluation: ValidRow[],
): WireFinetuneDatasetMetrics {
  const bytes = (rows: ValidRow[]) => rows.reduce((sum, row) => sum + row.bytes, 0);
  const characters = train.reduce((sum, row) => sum + rules.trainableText(row.value).length, 0);
  return {
    trainable_token_count: Math.ceil(characters / CHARS_PER_TOKEN),
    total_examples: train.length + evaluation.length,
    train_examples: train.length,
    train_size_bytes: bytes(train),
    eval_examples: evaluation.length,
    eval_size_bytes: bytes(evaluation),
  };
}
