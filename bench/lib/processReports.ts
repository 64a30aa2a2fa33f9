/**
 * The peak memory and CPU time of the Node.js processes `pulumi` runs, as bench/probe/processReport.js writes them
 * when each process ends: the peak is the kernel's high-water mark, so nothing between samples is missed.
 */
import * as path from "node:path";

export const PROCESS_REPORT_PROBE = path.join(__dirname, "..", "probe", "processReport.js");

export interface ProcessReport {
  pid: number;
  /** The script Node.js ran (argv[1]); empty for `node -e`. */
  script: string;
  maxRssKiB: number;
  cpuMs: number;
}

/** The dynamic-provider plugin (every resource's provider) and the language host's program runner. */
export type PulumiProcessRole = "provider" | "program";

const ROLE_SCRIPTS: Record<PulumiProcessRole, RegExp> = {
  provider: /[/\\]@pulumi[/\\]pulumi[/\\]cmd[/\\]dynamic-provider([/\\]index\.js)?$/,
  program: /[/\\]@pulumi[/\\]pulumi[/\\]cmd[/\\]run([/\\]index\.js)?$/,
};

export function parseProcessReports(text: string): ProcessReport[] {
  return text
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as ProcessReport);
}

export function processRole(report: Pick<ProcessReport, "script">): PulumiProcessRole | undefined {
  return (Object.keys(ROLE_SCRIPTS) as PulumiProcessRole[]).find((role) =>
    ROLE_SCRIPTS[role].test(report.script),
  );
}

/** The one process of that role; a run with none or several cannot be attributed. */
export function onlyProcess(reports: ProcessReport[], role: PulumiProcessRole): ProcessReport {
  const matching = reports.filter((report) => processRole(report) === role);
  if (matching.length !== 1) {
    throw new Error(
      `expected one ${role} process report, found ${matching.length} (${JSON.stringify(reports)})`,
    );
  }
  return matching[0];
}
