import type { DatasetType, ValidationStatus } from "../wire/enums";
import type { WireDataset } from "../wire/types";
import { rfc3339, type EmulatorClock } from "./clock";
import { invalidRequest, notFound } from "./errors";
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
  name: string;
  type: DatasetType;
  skipMalformedInput: boolean;
  data: UploadedFile;
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

  /** Validation reads the files to the end before the dataset exists; the delay then starts. */
  async create({
    name,
    type,
    skipMalformedInput,
    data,
    evalData,
  }: CreateDatasetInput): Promise<DatasetRecord> {
    if (name.length > MAX_NAME_LENGTH) throw invalidRequest("name must be less than 50 characters");
    const outcome = await validateUpload(type, data, evalData, skipMalformedInput);
    const record: DatasetRecord = {
      id: newDatasetId(name),
      name,
      type,
      createdAt: this.clock.now(),
      validationMs: this.validationMs,
      outcome,
    };
    this.records.set(record.id, record);
    return record;
  }

  get(id: string): DatasetRecord {
    const record = this.records.get(id);
    if (!record) throw notFound(`dataset with id ${id} not found`);
    return record;
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
