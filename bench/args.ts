/** Command line of `npm run bench`. */
import { parseArgs } from "node:util";

export const FIGURES = [
  "up",
  "calls",
  "polling",
  "fleetPolling",
  "parallel",
  "memory",
  "upload",
  "faults",
  "plugin",
] as const;
export type FigureName = (typeof FIGURES)[number];

export interface BenchOptions {
  figures: FigureName[];
  repetitions: number;
  help: boolean;
}

export const DEFAULT_REPETITIONS = 3;

export const USAGE =
  `npm run bench -- [--only ${FIGURES.join(",")}] [--repetitions ${DEFAULT_REPETITIONS}]\n` +
  "A full run writes bench/results/<date>.json and the figures of bench/README.md; a run of some figures " +
  "(--only) writes .pulumi-local/bench/<date>.<figures>.json.";

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      only: { type: "string" },
      repetitions: { type: "string" },
      help: { type: "boolean", short: "h" },
    },
    strict: true,
  });
  return {
    figures: values.only === undefined ? [...FIGURES] : figureList(values.only),
    repetitions:
      values.repetitions === undefined
        ? DEFAULT_REPETITIONS
        : positiveInteger("--repetitions", values.repetitions),
    help: values.help ?? false,
  };
}

export function isFullRun(options: Pick<BenchOptions, "figures">): boolean {
  return options.figures.length === FIGURES.length;
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
