/**
 * The results files: a full run's in bench/results/ (only the latest is kept, and bench/README.md shows its figures),
 * a run of some figures in the git-ignored .pulumi-local/bench/.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../scripts/lib/pulumiCli";
import type { FigureName } from "./args";
import type { Machine } from "./machine";

export const RESULTS_DIR = path.join(__dirname, "results");
const SUBSET_RESULTS_DIR = path.join(REPO_ROOT, ".pulumi-local", "bench");

export interface FigureResult {
  /** What the figure's measure returned; absent when it could not be measured. */
  data?: unknown;
  error?: string;
  /** Missed targets and broken counts; any of them makes the run exit non-zero. */
  violations: string[];
}

export interface BenchResults {
  date: string;
  command: string;
  machine: Machine;
  durationS: number;
  figures: Partial<Record<FigureName, FigureResult>>;
}

export function resultsFile(date: string, figures: FigureName[], fullRun: boolean): string {
  return fullRun
    ? path.join(RESULTS_DIR, `${date}.json`)
    : path.join(SUBSET_RESULTS_DIR, `${date}.${figures.join("+")}.json`);
}

export function writeResults(file: string, results: BenchResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

/** A full run replaces the one before it. */
export function removeResultsOtherThan(file: string): void {
  for (const name of fs.readdirSync(RESULTS_DIR)) {
    if (path.join(RESULTS_DIR, name) !== file) fs.rmSync(path.join(RESULTS_DIR, name));
  }
}

export function latestResults(): BenchResults {
  const names = fs
    .readdirSync(RESULTS_DIR)
    .filter((name) => name.endsWith(".json"))
    .sort();
  if (names.length === 0) throw new Error(`no results file in ${RESULTS_DIR}: run npm run bench`);
  return JSON.parse(fs.readFileSync(path.join(RESULTS_DIR, names[names.length - 1]), "utf8")) as BenchResults;
}
