import type { HttpClient } from "./httpClient";
import type {
  WireCreateDatasetResponse,
  WireDataset,
  WireGetDatasetResponse,
  WireListDatasetsResponse,
} from "./wireTypes";

/** Options sent as query parameters with an upload. */
export interface DatasetUploadOptions {
  keepOriginalFile?: boolean;
  skipMalformedInput?: boolean;
  keepFields?: string[];
  optionalFields?: string[];
  textSeparator?: string;
  csvDelimiter?: string;
}

export interface CreateDatasetRequest extends DatasetUploadOptions {
  /** Under 50 characters. */
  name: string;
  /** For example `chat-finetune-input`. */
  type: string;
  /** A file-backed Blob (`fs.openAsBlob`) is streamed from disk, never held in memory. */
  data: Blob;
  /** The upload's file name; its extension tells Cohere the format (`.jsonl`, `.csv`). */
  dataFileName: string;
  evalData?: Blob;
  evalDataFileName?: string;
}

export interface ListDatasetsOptions {
  datasetType?: string;
  before?: Date;
  after?: Date;
  limit?: number;
  offset?: number;
  validationStatus?: string;
}

const BASE = "/v1/datasets";

/** `/v1/datasets`: one method per endpoint, returning the unwrapped wire object. */
export class Datasets {
  constructor(private readonly http: HttpClient) {}

  /**
   * Uploads as a multipart form, streamed. Not retried after a failure that may have created the dataset. A slow
   * link may take hours over a large file, so only a stall (no byte moving for a while) ends an attempt.
   */
  create(request: CreateDatasetRequest): Promise<WireCreateDatasetResponse> {
    const form = new FormData();
    form.append("data", request.data, request.dataFileName);
    if (request.evalData) form.append("eval_data", request.evalData, request.evalDataFileName ?? "eval_data");
    return this.http.request({
      method: "POST",
      path: BASE,
      body: form,
      stallTimeout: true,
      query: {
        name: request.name,
        type: request.type,
        keep_original_file: request.keepOriginalFile,
        skip_malformed_input: request.skipMalformedInput,
        keep_fields: request.keepFields,
        optional_fields: request.optionalFields,
        text_separator: request.textSeparator,
        csv_delimiter: request.csvDelimiter,
      },
    });
  }

  async get(id: string): Promise<WireDataset> {
    const res = await this.http.request<WireGetDatasetResponse>({ method: "GET", path: datasetPath(id) });
    return res.dataset;
  }

  /** Query names are camelCase on the wire for this endpoint. */
  async list(options: ListDatasetsOptions = {}): Promise<WireDataset[]> {
    const res = await this.http.request<WireListDatasetsResponse>({
      method: "GET",
      path: BASE,
      query: {
        datasetType: options.datasetType,
        before: options.before?.toISOString(),
        after: options.after?.toISOString(),
        limit: options.limit,
        offset: options.offset,
        validationStatus: options.validationStatus,
      },
    });
    return res.datasets;
  }

  async delete(id: string): Promise<void> {
    await this.http.request({ method: "DELETE", path: datasetPath(id) });
  }
}

function datasetPath(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}`;
}
