export interface JsonlRow {
  line: number;
  value?: Record<string, unknown>;
  error?: string;
  /** The row's bytes with its newline. */
  bytes: number;
}

/** A file the rows cannot be read from at all. */
export class JsonlFileError extends Error {}

/** Rows longer than this are malformed rather than held in memory whole. */
const MAX_ROW_BYTES = 8 * 1024 * 1024;
const NEWLINE = 0x0a;
const utf8 = new TextDecoder("utf-8", { fatal: true });

/**
 * Reads a JSONL file row by row as its chunks arrive, holding one row at a time, and keeps a parse
 * error per bad row rather than failing the file; blank lines are skipped but counted.
 */
export async function* jsonlRows(chunks: AsyncIterable<Uint8Array>): AsyncGenerator<JsonlRow> {
  let pieces: Uint8Array[] = [];
  let pending = 0;
  let line = 0;
  for await (const chunk of chunks) {
    let start = 0;
    for (let newline = chunk.indexOf(NEWLINE); newline !== -1; newline = chunk.indexOf(NEWLINE, start)) {
      const row = rowOf(++line, [...pieces, chunk.subarray(start, newline)], pending + newline - start);
      if (row) yield row;
      pieces = [];
      pending = 0;
      start = newline + 1;
    }
    const rest = chunk.subarray(start);
    pending += rest.length;
    // Past the limit only the length is kept; the row is reported as too long.
    pieces = pending > MAX_ROW_BYTES ? [] : [...pieces, rest];
  }
  if (pending > 0) {
    const row = rowOf(++line, pieces, pending);
    if (row) yield row;
  }
}

function rowOf(line: number, pieces: Uint8Array[], length: number): JsonlRow | undefined {
  if (length > MAX_ROW_BYTES) {
    return { line, bytes: length + 1, error: `is longer than ${MAX_ROW_BYTES} bytes` };
  }
  let text: string;
  try {
    text = utf8.decode(Buffer.concat(pieces));
  } catch {
    throw new JsonlFileError("file is not valid UTF-8");
  }
  if (text.endsWith("\r")) text = text.slice(0, -1);
  if (text.trim() === "") return undefined;
  const bytes = Buffer.byteLength(text) + 1;
  try {
    const value: unknown = JSON.parse(text);
    if (typeof value !== "object" || value === null || Array.isArray(value)) {
      return { line, bytes, error: "must be a JSON object" };
    }
    return { line, bytes, value: value as Record<string, unknown> };
  } catch {
    return { line, bytes, error: "is not valid JSON" };
  }
}
