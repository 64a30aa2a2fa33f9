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
  return {
    name,
    type: optionalEnum({ type }, "type", "type", DATASET_TYPES)!,
    skipMalformedInput: singleValue(query, "skip_malformed_input") === "true",
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
