/**
 * A preview's check of a dataset's JSON lines files against Cohere's rules for its type, so that a file Cohere
 * would refuse fails the preview, naming the line and the fix, instead of failing the upload at `up`.
 */
import { createReadStream, promises as fs } from "node:fs";
import { countOf } from "../lifecycle/counts";
import type { CheckFailure } from "../lifecycle/rules";
import { ExampleCount, rowRules, type Example, type RowRules } from "./rowRules";
import { isJsonLines, textLength } from "./jsonLines";
import type { DatasetInputs } from "./types";

/** A preview reads at most this much of each file; Cohere checks the rest when it validates the upload. */
const previewReadMiB = 64;
export const previewReadBytes = previewReadMiB * 1024 ** 2;
const newlineByte = 0x0a;
const utf8 = new TextDecoder("utf-8", { fatal: true });

export interface RowCheck {
  failures: CheckFailure[];
  /** What the preview could not check, or what Cohere will skip. */
  notes: string[];
  /** The text characters of `dataFile`'s rows, when the check read all of it: what its token estimate counts. */
  dataFileCharacters?: number;
}

/** What reading one file found. */
interface FileScan {
  firstProblem?: { line: number; problem: string };
  /** Lines Cohere would refuse (or skip, with `skipMalformedInput`). */
  problemLines: number;
  /** Cohere reads UTF-8 only: a file that is not fails whatever `skipMalformedInput` says. */
  notUtf8Line?: number;
  linesRead: number;
  /** False when the file is larger than a preview reads. */
  whole: boolean;
  /** The text characters of every line that is JSON, valid or not. */
  characters: number;
}

export async function checkRows(inputs: DatasetInputs): Promise<RowCheck> {
  const rules = rowRules[inputs.type];
  const result: RowCheck = { failures: [], notes: [] };
  for (const property of ["dataFile", "evalDataFile"] as const) {
    const file = inputs[property];
    if (file === undefined || !isJsonLines(file)) continue;
    // Cohere counts the minimums on `dataFile` alone; an evaluation file only has to hold valid examples.
    const count = property === "dataFile" ? new ExampleCount(rules) : undefined;
    const scan = await scanFile(file, rules, count);
    const named = `${property} "${file}"`;
    if (scan.notUtf8Line !== undefined) {
      const reason = `${named} line ${scan.notUtf8Line} is not UTF-8 text: Cohere reads UTF-8 files only`;
      result.failures.push({ property, reason });
      continue;
    }
    if (scan.firstProblem && !inputs.skipMalformedInput) {
      result.failures.push({ property, reason: problemText(named, scan) });
      continue;
    }
    if (scan.firstProblem) {
      result.notes.push(`${problemText(named, scan)}; skipMalformedInput: Cohere skips such lines`);
    }
    if (!scan.whole) {
      const checked = countOf(scan.linesRead, "line");
      result.notes.push(
        `${named} is larger than the ${previewReadMiB} MiB a preview reads: its first ${checked} were checked; ` +
          "Cohere checks the rest, and the minimum numbers of examples, when it validates the upload",
      );
    }
    if (property === "dataFile" && scan.whole) result.dataFileCharacters = scan.characters;
    const shortfall = scan.whole ? count?.shortfall() : undefined;
    if (shortfall) result.failures.push({ property, reason: `${named} ${shortfall}` });
  }
  return result;
}

function problemText(named: string, { firstProblem, problemLines }: FileScan): string {
  const { line, problem } = firstProblem!;
  const more = problemLines > 1 ? ` (and ${countOf(problemLines - 1, "more line")} with problems)` : "";
  return `${named} line ${line}: ${problem}${more}`;
}

async function scanFile(file: string, rules: RowRules, count?: ExampleCount): Promise<FileScan> {
  const { size } = await fs.stat(file);
  const scan: FileScan = { problemLines: 0, linesRead: 0, whole: size <= previewReadBytes, characters: 0 };
  for await (const { line, bytes } of linesOf(file, scan.whole)) {
    scan.linesRead = line;
    const text = utf8Text(bytes);
    if (text === undefined) return { ...scan, notUtf8Line: line };
    if (text.trim() === "") continue;
    const { value, example, problem } = parseExample(text, rules);
    scan.characters += textLength(value);
    if (example) count?.add(example);
    if (problem) {
      scan.problemLines++;
      scan.firstProblem ??= { line, problem };
    }
  }
  return scan;
}

function utf8Text(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes).replace(/\r$/, "");
  } catch {
    return undefined;
  }
}

function parseExample(
  text: string,
  rules: RowRules,
): { value?: unknown; example?: Example; problem?: string } {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return { problem: "is not valid JSON: each line must be one JSON object" };
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) {
    return { value, problem: "must be a JSON object" };
  }
  const problem = rules.problem(value as Example);
  return problem ? { value, problem } : { value, example: value as Example };
}

/** The file's lines, numbered from 1, up to the bounded read; `whole` says whether its last line is complete. */
async function* linesOf(file: string, whole: boolean): AsyncGenerator<{ line: number; bytes: Buffer }> {
  let pieces: Buffer[] = [];
  let line = 0;
  for await (const chunk of createReadStream(file, { end: previewReadBytes - 1 }) as AsyncIterable<Buffer>) {
    let start = 0;
    let newline: number;
    while ((newline = chunk.indexOf(newlineByte, start)) !== -1) {
      pieces.push(chunk.subarray(start, newline));
      yield { line: ++line, bytes: Buffer.concat(pieces) };
      pieces = [];
      start = newline + 1;
    }
    pieces.push(chunk.subarray(start));
  }
  // A bounded read ends inside a line: that line is left to Cohere.
  if (whole) yield { line: ++line, bytes: Buffer.concat(pieces) };
}
