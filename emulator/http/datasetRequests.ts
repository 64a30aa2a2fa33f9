import type { CreateDatasetInput, DatasetFilter } from "../backend/datasets";
import { invalidRequest } from "../backend/errors";
import { DATASET_TYPES, VALIDATION_STATUSES } from "../wire/enums";
import { optionalEnum } from "./fields";
import { singleValue } from "./request";

export type DatasetUploadQuery = Pick<CreateDatasetInput, "name" | "type" | "skipMalformedInput">;

/** The query of `POST /v1/datasets`; the files come from the multipart body. */
export function parseDatasetUploadQuery(query: Record<string, unknown>): DatasetUploadQuery {
  const name = singleValue(query, "name");
  if (name === undefined || name.trim() === "") throw invalidRequest("name is required");
  const type = singleValue(query, "type");
  if (type === undefined) throw invalidRequest("type is required");
  // Checked like any other parameter; keeping the original file is not modelled.
  booleanValue(query, "keep_original_file");
  return {
    name,
    type: optionalEnum({ type }, "type", "type", DATASET_TYPES)!,
    skipMalformedInput: booleanValue(query, "skip_malformed_input") ?? false,
  };
}

/** The camelCase filters of `GET /v1/datasets`. */
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

/** Exactly `true` or `false`, as the SDKs send them: Cohere documents no other spelling. */
function booleanValue(query: Record<string, unknown>, key: string): boolean | undefined {
  const value = singleValue(query, key);
  if (value === undefined) return undefined;
  if (value !== "true" && value !== "false") {
    throw invalidRequest(`${key} must be true or false, got ${JSON.stringify(value)}`);
  }
  return value === "true";
}
