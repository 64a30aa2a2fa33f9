import { invalidRequest } from "./errors";

export interface PageRequest {
  pageSize: number;
  pageToken: string;
  descending: boolean;
}

export interface Page<T> {
  items: T[];
  nextPageToken: string;
  totalSize: number;
}

interface Cursor {
  key: string;
  descending: boolean;
}

/**
 * Keyset pagination: the token names the last key returned, so items created or deleted between
 * pages never shift what the next page contains. `items` must already be in ascending `keyOf`
 * order (string comparison), which lets a page be found by binary search instead of a sort.
 */
export function paginate<T>(items: T[], keyOf: (item: T) => string, request: PageRequest): Page<T> {
  const cursor = request.pageToken ? decodeCursor(request.pageToken, request.descending) : undefined;
  let page: T[];
  let hasMore: boolean;
  if (request.descending) {
    const end = cursor ? firstIndexAtOrAfter(items, keyOf, cursor.key) : items.length;
    const start = Math.max(0, end - request.pageSize);
    page = items.slice(start, end).reverse();
    hasMore = start > 0;
  } else {
    const start = cursor ? firstIndexAfter(items, keyOf, cursor.key) : 0;
    page = items.slice(start, start + request.pageSize);
    hasMore = start + page.length < items.length;
  }
  return {
    items: page,
    nextPageToken: hasMore
      ? encodeCursor({ key: keyOf(page[page.length - 1]), descending: request.descending })
      : "",
    totalSize: items.length,
  };
}

function firstIndexAfter<T>(items: T[], keyOf: (item: T) => string, key: string): number {
  return lowerBound(items.length, (i) => keyOf(items[i]) > key);
}

function firstIndexAtOrAfter<T>(items: T[], keyOf: (item: T) => string, key: string): number {
  return lowerBound(items.length, (i) => keyOf(items[i]) >= key);
}

/** The first index in 0..length for which the monotonic predicate holds. */
function lowerBound(length: number, holds: (index: number) => boolean): number {
  let low = 0;
  let high = length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (holds(middle)) high = middle;
    else low = middle + 1;
  }
  return low;
}

/** Zero-padded so numeric keys compare correctly as strings. */
export function sortableNumber(value: number): string {
  return Math.max(0, Math.floor(value)).toString().padStart(16, "0");
}

function encodeCursor(cursor: Cursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString("base64url");
}

function decodeCursor(token: string, descending: boolean): Cursor {
  let cursor: unknown;
  try {
    cursor = JSON.parse(Buffer.from(token, "base64url").toString("utf8"));
  } catch {
    throw invalidRequest("page_token is invalid");
  }
  if (!isCursor(cursor)) throw invalidRequest("page_token is invalid");
  if (cursor.descending !== descending)
    throw invalidRequest("page_token was issued for a different order_by");
  return cursor;
}

function isCursor(value: unknown): value is Cursor {
  if (typeof value !== "object" || value === null) return false;
  const candidate = value as Record<string, unknown>;
  return typeof candidate.key === "string" && typeof candidate.descending === "boolean";
}
