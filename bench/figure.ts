/** What a figure is made of: measured data, then rows for the table and the README, each row with its target. */

export interface FigureContext {
  /** Runs per compared variant, in alternating order. */
  repetitions: number;
  log: (message: string) => void;
}

export interface Row {
  measure: string;
  value: string;
  /** The promise the value is held to, e.g. "≤ 1.2×"; none for a figure that is only reported. */
  target?: string;
  met?: boolean;
}

export interface FigureReport {
  title: string;
  rows: Row[];
  /** Broken counts that no row states as a target (e.g. a count that must be 0 in every run). */
  brokenCounts?: string[];
}

export function checked(measure: string, value: string, target: string, met: boolean): Row {
  return { measure, value, target, met };
}

/** Every missed target and broken count of a figure, one line each. */
export function violations(report: FigureReport): string[] {
  const missed = report.rows
    .filter((row) => row.met === false)
    .map((row) => `${row.measure}: ${row.value}, target ${row.target}`);
  return [...missed, ...(report.brokenCounts ?? [])];
}
