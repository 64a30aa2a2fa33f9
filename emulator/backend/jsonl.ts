export interface JsonlRow {
  line: number;
  value?: Record<string, unknown>;
  error?: string;
  bytes: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Splits a JSONL upload into rows, keeping a parse error per bad line rather than failing the file. */
export function parseJsonl(content: Uint8Array): JsonlRow[] | { error: string } {
  let text: string;
  try {
    text = utf8.decode(content);
  } catch {
    return { error: "file is not valid UTF-8" };
  }
  const rows: JsonlRow[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    if (raw.trim() === "") return;
    const line = index + 1;
    const bytes = Buffer.byteLength(raw) + 1;
    try {
      const value: unknown = JSON.parse(raw);
      if (typeof value !== "object" || value === null || Array.isArray(value)) {
        rows.push({ line, bytes, error: "must be a JSON object" });
      } else {
        rows.push({ line, bytes, value: value as Record<string, unknown> });
      }
    } catch {
      rows.push({ line, bytes, error: "is not valid JSON" });
    }
  });
  return rows;
}
