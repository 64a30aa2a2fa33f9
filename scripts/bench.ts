/**
 * `npm run bench`: the provider's figures on the real Pulumi engine against the bundled emulator, each measured
 * once and reported as a count or a ratio (see bench/README.md). Writes bench/results/<date>.json and prints a table.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { measureApiCalls } from "./bench/apiCalls";
import { type BenchOptions, defaultResultsName, type FigureName, parseBenchArgs, USAGE } from "./bench/args";
import { measureFaultSoak } from "./bench/faultSoak";
import { type Figure, lastLines } from "./bench/figure";
import { describeMachine } from "./bench/machine";
import { type LifecycleRun, runModelLifecycle } from "./bench/modelLifecycle";
import { measurePolling } from "./bench/polling";
import { measureProviderMemory } from "./bench/providerMemory";
import { formatTable, writeResults } from "./bench/report";
import { measureStateSize } from "./bench/stateSize";
import { measureUpDuration } from "./bench/upDuration";
import { ensurePulumiCli } from "./lib/pulumiCli";
import { REPO_ROOT } from "./lib/localStack";

type Measure = () => Promise<Figure<object>>;

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const started = performance.now();
  const cli = await ensurePulumiCli({ log: progress });
  const measures = figureMeasures(options);
  const figures: Array<Figure<object>> = [];
  const data: Record<string, unknown> = {};
  for (const name of options.figures) {
    progress(`measuring ${name} …`);
    const figureStarted = performance.now();
    try {
      const figure = await measures[name]();
      figures.push(figure);
      const violations = figure.violations ?? [];
      data[name] = { ...figure.data, violations };
      if (violations.length > 0) process.exitCode = 1;
    } catch (error) {
      process.exitCode = 1;
      const message = lastLines((error as Error).message);
      data[name] = { error: message };
      figures.push({ title: `${name}: FAILED`, data: {}, rows: [["error", message]] });
    }
    progress(`${name} done in ${Math.round((performance.now() - figureStarted) / 1000)} s`);
  }
  const date = new Date().toISOString().slice(0, 10);
  const file =
    options.out ?? path.join(REPO_ROOT, "bench", "results", defaultResultsName(date, options.figures));
  const durationS = Math.round((performance.now() - started) / 1000);
  writeResults(file, {
    date,
    command: ["npm run bench", ...process.argv.slice(2)].join(" "),
    machine: describeMachine(cli),
    durationS,
    figures: data,
  });
  console.log(`\n${formatTable(figures)}\n\nResults: ${path.relative(process.cwd(), file)} (${durationS} s)`);
}

/** Figures 1, 2 and 4 read the same lifecycle run, made once and only when one of them is asked for. */
function figureMeasures(options: BenchOptions): Record<FigureName, Measure> {
  let lifecycle: Promise<LifecycleRun> | undefined;
  const sharedLifecycle = () => (lifecycle ??= runModelLifecycle(options.models));
  return {
    up: async () => measureUpDuration(await sharedLifecycle()),
    calls: async () => measureApiCalls(await sharedLifecycle()),
    polling: () => measurePolling(),
    state: async () => measureStateSize(await sharedLifecycle()),
    memory: () => measureProviderMemory(2 * options.models),
    faults: () => measureFaultSoak(options.models),
  };
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.message}`);
  process.exit(1);
});
