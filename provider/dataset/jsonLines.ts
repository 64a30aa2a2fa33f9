/** What a preview reads of a dataset file: only JSON lines files, whose rows it can parse. */
import * as path from "node:path";

/** The layout of a `.csv` or `.txt` upload is Cohere's to interpret. */
export function isJsonLines(file: string): boolean {
  return path.extname(file) === ".jsonl";
}

/** The characters of text in a parsed row, its keys aside: what the token estimate counts. */
export function textLength(value: unknown): number {
  if (typeof value === "string") return value.length;
  if (value && typeof value === "object")
    return Object.values(value).reduce((sum: number, item) => sum + textLength(item), 0);
  return 0;
}
