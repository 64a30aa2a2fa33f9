/**
 * The figures section of bench/README.md, generated from a results file: a full run writes it, and a test checks
 * that the README shows the latest results file's figures.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FIGURES } from "./args";
import type { FigureReport } from "./figure";
import { REPORTS } from "./reports/index";
import type { BenchResults } from "./results";

export const README = path.join(__dirname, "README.md");
// Prettier would realign the tables, and the README would no longer equal what is generated.
const START =
  "<!-- prettier-ignore-start -->\n<!-- figures: generated from bench/results by npm run bench -->";
const END = "<!-- end of figures -->\n<!-- prettier-ignore-end -->";

export function renderFigures(results: BenchResults): string {
  const { machine } = results;
  const sections = FIGURES.flatMap((name) => {
    const result = results.figures[name];
    if (!result) return [];
    if (result.data === undefined) return [`### ${name}\n\nNot measured: ${result.error}`];
    return [markdownTable(REPORTS[name](result.data as never))];
  });
  return [
    `Run of ${results.date} (\`${results.command}\`, ${results.durationS} s): ${machine.cpus} × ${machine.cpuModel}, ` +
      `${machine.memoryGiB} GiB, ${machine.platform}, load average ${machine.loadAverageAtStart} at the start; ` +
      `projects on Node.js ${machine.projectNode} (the bench on ${machine.benchNode}), Pulumi CLI ` +
      `${machine.pulumiCli}, \`@pulumi/pulumi\` ${machine.pulumiSdk}.`,
    ...sections,
  ].join("\n\n");
}

function markdownTable(report: FigureReport): string {
  const cell = (text: string) => text.replace(/\|/g, "\\|");
  return [
    `### ${report.title}`,
    "",
    "| measure | value | target | met |",
    "| --- | --- | --- | --- |",
    ...report.rows.map(
      (row) =>
        `| ${cell(row.measure)} | ${cell(row.value)} | ${cell(row.target ?? "")} | ${row.target === undefined ? "" : row.met ? "yes" : "**no**"} |`,
    ),
    ...(report.brokenCounts ?? []).map((broken) => `\nBroken: ${broken}`),
  ].join("\n");
}

/** The README's figures section as it stands. */
export function readmeFigures(readme = fs.readFileSync(README, "utf8")): string {
  const { start, end } = figuresSpan(readme);
  return readme.slice(start, end).trim();
}

export function writeReadmeFigures(results: BenchResults): void {
  const readme = fs.readFileSync(README, "utf8");
  const { start, end } = figuresSpan(readme);
  fs.writeFileSync(README, `${readme.slice(0, start)}\n\n${renderFigures(results)}\n\n${readme.slice(end)}`);
}

function figuresSpan(readme: string): { start: number; end: number } {
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${README} lacks the lines that enclose its figures`);
  return { start: start + START.length, end };
}
