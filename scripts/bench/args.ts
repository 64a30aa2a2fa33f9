/** Command line of `npm run bench`. */
import { parseArgs } from "node:util";

export const FIGURES = ["up", "calls", "polling", "state", "memory", "faults"] as const;
export type FigureName = (typeof FIGURES)[number];

export interface BenchOptions {
  figures: FigureName[];
  /** Models per stack for figures 1, 2, 4 and 6; figure 5 uses twice as many. */
  models: number;
  /** Results file; when omitted, bench/results/<date>.json (a subset run adds its figure names). */
  out?: string;
  help: boolean;
}

export const DEFAULT_MODELS = 50;

export const USAGE = `npm run bench -- [--only ${FIGURES.join(",")}] [--models ${DEFAULT_MODELS}] [--out <file.json>]`;

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      models: { type: "string" },
      out: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  return {
    figures: values.only === undefined ? [...FIGURES] : figureList(values.only),
    models: values.models === undefined ? DEFAULT_MODELS : positiveInteger("--models", values.models),
    out: values.out,
    help: values.help ?? false,
  };
}

function figureList(text: string): FigureName[] {
  const names = text
    .split(",")
    .map((name) => name.trim())
    .filter(Boolean);
  const unknown = names.filter((name) => !(FIGURES as readonly string[]).includes(name));
  if (unknown.length > 0 || names.length === 0) {
    throw new Error(
      `--only takes a comma-separated subset of ${FIGURES.join(",")}; got ${JSON.stringify(text)}`,
    );
  }
  return FIGURES.filter((figure) => names.includes(figure));
}

function positiveInteger(flag: string, text: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1)
    throw new Error(`${flag} must be a positive integer, got ${text}`);
  return value;
}

/** A full run owns the day's file; a subset run writes beside it rather than over it. */
export function defaultResultsName(date: string, figures: FigureName[]): string {
  const subset = figures.length === FIGURES.length ? "" : `.${figures.join("+")}`;
  return `${date}${subset}.json`;
}
