/** The table `npm run bench` prints at the end. */
import type { FigureReport } from "./figure";

export function formatTable(reports: FigureReport[]): string {
  const width = Math.max(0, ...reports.flatMap((report) => report.rows.map((row) => row.measure.length)));
  return reports
    .map((report) =>
      [
        report.title,
        ...report.rows.map((row) => {
          const target =
            row.target === undefined ? "" : `   target ${row.target}: ${row.met ? "met" : "MISSED"}`;
          return `  ${row.measure.padEnd(width)}  ${row.value}${target}`;
        }),
        ...(report.brokenCounts ?? []).map((broken) => `  BROKEN: ${broken}`),
      ].join("\n"),
    )
    .join("\n\n");
}
