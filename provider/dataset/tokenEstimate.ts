/**
 * A preview's estimate of a new upload's trainable tokens, read from the local file before Cohere has counted
 * them: the text of every row at 4 characters a token, the usual rate for English with Cohere's tokenizers.
 * Cohere counts only the training split (it holds part of the rows out for evaluation), so this is an upper bound.
 */
import { createReadStream, promises as fs } from "node:fs";
import * as path from "node:path";
import { createInterface } from "node:readline";
import { isJsonLines, textLength } from "./jsonLines";

const charactersPerToken = 4;
/** Reading more than this at every preview costs more than the estimate is worth. */
const largestEstimatedBytes = 100 * 1024 ** 2;

/** Undefined for a file that is not JSON lines, or too large to read at every preview. */
export async function estimateTrainableTokens(file: string): Promise<number | undefined> {
  const resolved = path.resolve(file);
  if (!isJsonLines(resolved)) return undefined;
  const { size } = await fs.stat(resolved);
  if (size > largestEstimatedBytes) return undefined;
  let characters = 0;
  for await (const line of createInterface({ input: createReadStream(resolved), crlfDelay: Infinity })) {
    if (line.trim() === "") continue;
    try {
      characters += textLength(JSON.parse(line));
    } catch {
      // Validation names malformed rows; the estimate only counts what it can read.
    }
  }
  return tokensOfText(characters);
}

/** The estimate for rows holding this many characters of text. */
export function tokensOfText(characters: number): number {
  return Math.ceil(characters / charactersPerToken);
}
