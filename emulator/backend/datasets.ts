import { DATASET_TYPES, VALIDATION_STATUSES, type DatasetType, type ValidationStatus } from "../wire/enums";
import type { WireDataset } from "../wire/types";
import { rfc3339, type EmulatorClock } from "./clock";
import { invalidRequest, notFound } from "./errors";
import { optionalEnum } from "./fields";
import { newDatasetId } from "./ids";
import { validateUpload, type UploadedFile, type ValidationOutcome } from "./datasetValidation";

export interface DatasetRecord {
  id: string;
  name: string;
  type: DatasetType;
  createdAt: number;
  validationMs: number;
  outcome: ValidationOutcome;
}

export interface CreateDatasetInput {
  name: unknown;
  type: unknown;
  skipMalformedInput: boolean;
  data?: UploadedFile;
  evalData?: UploadedFile;
}

export interface DatasetFilter {
  datasetType?: string;
  before?: number;
  after?: number;
  limit?: number;
  offset: number;
  validationStatus?: ValidationStatus;
}

const MAX_NAME_LENGTH = 49;

export class DatasetStore {
  private readonly records = new Map<string, DatasetRecord>();

  constructor(
    private readonly clock: EmulatorClock,
    private readonly validationMs: number,
  ) {}

  create(input: CreateDatasetInput): DatasetRecord {
    const name = input.name;
    if (typeof name !== "string" || name.trim() === "") throw invalidRequest("name is required");
    if (name.length > MAX_NAME_LENGTH) throw invalidRequest("name must be less than 50 characters");
    if (input.type === undefined || input.type === "") throw invalidRequest("type is required");
    const type = optionalEnum({ type: input.type }, "type", "type", DATASET_TYPES) as DatasetType;
    if (!input.data) throw invalidRequest("data file is required");
    const record: DatasetRecord = {
      id: newDatasetId(name),
      name,
      type,
      createdAt: this.clock.now(),
      validationMs: this.validationMs,
      outcome: validateUpload(type, input.data, input.evalData, input.skipMalformedInput),
    };
    this.records.set(record.id, record);
    return record;
  }

  get(id: string): DatasetRecord {
    const record = this.records.get(id);
    if (!record) throw notFound(`dataset with id ${id} not found`);
    return record;
  }

  find(id: string): DatasetRecord | undefined {
    return this.records.get(id);
  }

  list(filter: DatasetFilter): DatasetRecord[] {
    const matching = [...this.records.values()]
      .filter((record) => filter.datasetType === undefined || record.type === filter.datasetType)
      .filter((record) => filter.before === undefined || record.createdAt < filter.before)
      .filter((record) => filter.after === undefined || record.createdAt > filter.after)
      .filter(
        (record) =>
          filter.validationStatus === undefined || this.validationStatus(record) === filter.validationStatus,
      )
      .sort((a, b) => a.createdAt - b.createdAt);
    return matching.slice(
      filter.offset,
      filter.limit === undefined ? undefined : filter.offset + filter.limit,
    );
  }

  delete(id: string): void {
    this.get(id);
    this.records.delete(id);
  }

  usageBytes(): number {
    let total = 0;
    for (const record of this.records.values()) {
      total += record.outcome.parts.reduce((sum, part) => sum + part.sizeBytes, 0);
    }
    return total;
  }

  /** Validation is asynchronous upstream: queued for the first half of the delay, processing for the rest. */
  validationStatus(record: DatasetRecord): ValidationStatus {
    const elapsed = this.clock.now() - record.createdAt;
    if (elapsed >= record.validationMs) return record.outcome.status;
    return elapsed < record.validationMs / 2 ? "queued" : "processing";
  }

  view(record: DatasetRecord): WireDataset {
    const status = this.validationStatus(record);
    const done = status === "validated" || status === "failed";
    const view: WireDataset = {
      id: record.id,
      name: record.name,
      created_at: rfc3339(record.createdAt),
      updated_at: rfc3339(done ? record.createdAt + record.validationMs : record.createdAt),
      dataset_type: record.type,
      validation_status: status,
    };
    if (!done) return view;
    const { outcome } = record;
    if (outcome.error) view.validation_error = outcome.error;
    view.validation_warnings = outcome.warnings;
    view.dataset_parts = outcome.parts.map((part, index) => ({
      id: `${record.id}-${index}`,
      name: part.name,
      index,
      size_bytes: part.sizeBytes,
      num_rows: part.numRows,
    }));
    if (outcome.metrics) view.metrics = { finetune_dataset_metrics: outcome.metrics };
    return view;
  }

  snapshot(): DatasetRecord[] {
    return [...this.records.values()];
  }

  restore(records: DatasetRecord[]): void {
    this.clear();
    for (const record of records) this.records.set(record.id, record);
  }

  clear(): void {
    this.records.clear();
  }
}

export function parseDatasetFilter(query: Record<string, unknown>): DatasetFilter {
  return {
    datasetType: singleValue(query, "datasetType"),
    before: dateValue(query, "before"),
    after: dateValue(query, "after"),
    limit: countValue(query, "limit"),
    offset: countValue(query, "offset") ?? 0,
    validationStatus: optionalEnum(
      { validationStatus: singleValue(query, "validationStatus") },
      "validationStatus",
      "validationStatus",
      VALIDATION_STATUSES,
    ),
  };
}

function singleValue(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw invalidRequest(`${key} must be given once`);
  return value;
}

function dateValue(query: Record<string, unknown>, key: string): number | undefined {
  const value = singleValue(query, key);
  if (value === undefined) return undefined;
  const ms = Date.parse(value);
  if (Number.isNaN(ms))
    throw invalidRequest(`${key} must be an RFC 3339 date-time, got ${JSON.stringify(value)}`);
  return ms;
}

function countValue(query: Record<string, unknown>, key: string): number | undefined {
  const value = singleValue(query, key);
  if (value === undefined) return undefined;
  const count = Number(value);
  if (!Number.isInteger(count) || count < 0) {
    throw invalidRequest(`${key} must be a non-negative integer, got ${JSON.stringify(value)}`);
  }
  return count;
}
