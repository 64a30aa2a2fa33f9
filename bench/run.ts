/**
 * `npm run bench`: each figure measured through a user's project (the packed package installed, the `pulumi`
 * binary and its Node.js language host) against the bundled emulator, next to its floor in the same run. Writes the
 * results file (and, for a full run, bench/README.md's figures), prints a table, and exits non-zero on any violation.
 */
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { ensurePulumiCli } from "../scripts/lib/pulumiCli";
import { type FigureName, isFullRun, parseBenchArgs, USAGE } from "./args";
import { type FigureContext, type FigureReport, violations } from "./figure";
import { measureCalls } from "./figures/calls";
import { measureFaults } from "./figures/faults";
import { measureFleetPolling } from "./figures/fleetPolling";
import { measureMemory } from "./figures/memory";
import { measureParallel } from "./figures/parallel";
import { measurePlugin } from "./figures/plugin";
import { measurePolling } from "./figures/polling";
import { measureUp } from "./figures/up";
import { measureUpload } from "./figures/upload";
import { describeMachine } from "./machine";
import { writeReadmeFigures } from "./readmeFigures";
import { REPORTS } from "./reports/index";
import {
  type BenchResults,
  type FigureResult,
  removeResultsOtherThan,
  resultsFile,
  writeResults,
} from "./results";
import { formatTable } from "./table";

const MEASURES: Record<FigureName, (context: FigureContext) => Promise<unknown>> = {
  up: measureUp,
  calls: measureCalls,
  polling: measurePolling,
  fleetPolling: measureFleetPolling,
  parallel: measureParallel,
  memory: measureMemory,
  upload: measureUpload,
  faults: measureFaults,
  plugin: measurePlugin,
};

async function main(): Promise<void> {
  const options = parseBenchArgs(process.argv.slice(2));
  if (options.help) return console.log(USAGE);
  const started = performance.now();
  const cli = await ensurePulumiCli({ log: progress });
  const context: FigureContext = { repetitions: options.repetitions, log: progress };
  const figures: Partial<Record<FigureName, FigureResult>> = {};
  const reports: FigureReport[] = [];
  for (const name of options.figures) {
    progress(`measuring ${name} …`);
    const figureStarted = performance.now();
    try {
      const data = await MEASURES[name](context);
      const report = REPORTS[name](data as never);
      reports.push(report);
      figures[name] = { data, violations: violations(report) };
    } catch (error) {
      const message = (error as Error).message;
      figures[name] = { error: message, violations: [`${name} could not be measured`] };
      reports.push({ title: `${name}: could not be measured`, rows: [], brokenCounts: [message] });
    }
    progress(`${name} done in ${Math.round((performance.now() - figureStarted) / 1000)} s`);
  }
  const date = new Date().toISOString().slice(0, 10);
  const results: BenchResults = {
    date,
    command: ["npm run bench", ...process.argv.slice(2)].join(" "),
    machine: describeMachine(cli),
    durationS: Math.round((performance.now() - started) / 1000),
    figures,
  };
  const file = resultsFile(date, options.figures, isFullRun(options));
  writeResults(file, results);
  if (isFullRun(options)) {
    removeResultsOtherThan(file);
    writeReadmeFigures(results);
  }
  if (Object.values(figures).some((figure) => figure.violations.length > 0)) process.exitCode = 1;
  console.log(
    `\n${formatTable(reports)}\n\nResults: ${path.relative(process.cwd(), file)} (${results.durationS} s)`,
  );
}

function progress(message: string): void {
  process.stderr.write(`[bench] ${message}\n`);
}

main().catch((error: Error) => {
  console.error(`bench failed: ${error.stack ?? error.message}`);
  process.exit(1);
});
