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
import { forEachLayout, type LayoutName, providerLayouts, type ProviderLayouts } from "./bench/layouts";
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
  const layouts = providerLayouts();
  const measures = figureMeasures(options, layouts);
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
  // A failed figure is recorded above, never thrown, so the installed package's project is always removed.
  await layouts.cleanup();
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

/**
 * Figures 1, 2 and 4 read the same lifecycle runs, one per layout, each made once and only when a figure asks
 * for it: figure 2 the source checkout's, figures 1 and 4 both (one after the other, never at once).
 */
function figureMeasures(options: BenchOptions, layouts: ProviderLayouts): Record<FigureName, Measure> {
  const lifecycles = new Map<LayoutName, Promise<LifecycleRun>>();
  const lifecycle = (name: LayoutName): Promise<LifecycleRun> => {
    let run = lifecycles.get(name);
    if (run === undefined) {
      run = runModelLifecycle(options.models, layouts.get(name));
      lifecycles.set(name, run);
    }
    return run;
  };
  const everyLifecycle = () => forEachLayout(layouts.get, (layout) => lifecycle(layout.name));
  return {
    up: async () => measureUpDuration(await everyLifecycle()),
    calls: async () => measureApiCalls(await lifecycle("sourceCheckout")),
    polling: () => measurePolling(),
    state: async () => measureStateSize(await everyLifecycle()),
    memory: () => measureProviderMemory(2 * options.models, layouts.get),
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
