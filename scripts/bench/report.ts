/** The results file and the table printed at the end of a run. */
import * as fs from "node:fs";
import * as path from "node:path";
import type { Figure } from "./figure";
import type { Machine } from "./machine";

export interface BenchResults {
  date: string;
  command: string;
  machine: Machine;
  durationS: number;
  figures: Record<string, unknown>;
}

export function writeResults(file: string, results: BenchResults): void {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
}

export function formatTable(figures: Array<Figure<object>>): string {
  const rows = figures.flatMap((figure) => figure.rows);
  const width = Math.max(0, ...rows.map(([measure]) => measure.length));
  return figures
    .map((figure) =>
      [
        figure.title,
        ...figure.rows.map(([measure, value]) => `  ${measure.padEnd(width)}  ${value}`),
        ...(figure.violations ?? []).map((violation) => `  VIOLATION: ${violation}`),
      ].join("\n"),
    )
    .join("\n\n");
}
