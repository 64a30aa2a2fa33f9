import { invalidRequest } from "../backend/errors";
import type { PageRequest } from "../backend/pagination";
import { singleValue } from "./request";

const DEFAULT_PAGE_SIZE = 50;
/** Larger sizes are coerced down, as AIP-158 APIs do; Cohere's own maximum is undocumented. */
const MAX_PAGE_SIZE = 1000;
/** Cohere's OpenAPI types `page_size` as int32: beyond it is a wrong type, not a size to coerce. */
const MAX_INT32 = 2_147_483_647;

/** `page_size`, `page_token` and `order_by` of a list endpoint's query. */
export function parsePageRequest(query: Record<string, unknown>): PageRequest {
  return {
    pageSize: parsePageSize(singleValue(query, "page_size")),
    pageToken: singleValue(query, "page_token") ?? "",
    descending: parseOrderBy(singleValue(query, "order_by")),
  };
}

function parsePageSize(raw: string | undefined): number {
  if (raw === undefined) return DEFAULT_PAGE_SIZE;
  if (!/^\d+$/.test(raw) || Number(raw) > MAX_INT32) {
    throw invalidRequest(
      `page_size must be a non-negative integer no greater than ${MAX_INT32}, got ${JSON.stringify(raw)}`,
    );
  }
  const size = Number(raw);
  return size === 0 ? DEFAULT_PAGE_SIZE : Math.min(size, MAX_PAGE_SIZE);
}

/** Only `created_at` is a supported sort field; a comma-separated list may repeat it. */
function parseOrderBy(raw: string | undefined): boolean {
  const text = raw?.trim() ?? "";
  if (text === "") return false;
  let descending: boolean | undefined;
  for (const clause of text.split(",")) {
    const [field, direction, ...rest] = clause.trim().split(/\s+/);
    if (field !== "created_at") {
      throw invalidRequest(
        `order_by field ${JSON.stringify(field)} is not supported (supported: created_at)`,
      );
    }
    const lower = direction?.toLowerCase();
    if (rest.length > 0 || (lower !== undefined && lower !== "asc" && lower !== "desc")) {
      throw invalidRequest(`order_by clause ${JSON.stringify(clause.trim())} is malformed`);
    }
    descending ??= lower === "desc";
  }
  return descending ?? false;
}
