/**
 * Watches the dynamic-provider plugin processes (`node …/@pulumi/pulumi/cmd/dynamic-provider`) started under
 * this process and keeps each one's peak memory, read from /proc (Linux only).
 */
import * as fs from "node:fs";

const PROVIDER_SCRIPT = /[/\\]@pulumi[/\\]pulumi[/\\]cmd[/\\]dynamic-provider([/\\]index\.js)?$/;

export interface ProcessPeak {
  pid: number;
  /** max(VmHWM, VmRSS) over every sample, in KiB. */
  peakKiB: number;
  samples: number;
}

export interface MemorySampler {
  stop: () => ProcessPeak[];
}

/** The plugin's launcher script also runs `node -e "…require.resolve('…/dynamic-provider')"`; only the real one counts. */
export function isDynamicProviderCommand(argv: string[]): boolean {
  const [program, script] = argv;
  return /(^|\/)node$/.test(program ?? "") && PROVIDER_SCRIPT.test(script ?? "");
}

/** VmHWM and VmRSS from /proc/<pid>/status, whichever is larger, in KiB. */
export function peakFromStatus(status: string): number | undefined {
  const values = ["VmHWM", "VmRSS"]
    .map((field) => new RegExp(`^${field}:\\s+(\\d+)\\s+kB`, "m").exec(status)?.[1])
    .filter((value): value is string => value !== undefined)
    .map(Number);
  return values.length > 0 ? Math.max(...values) : undefined;
}

/** The parent pid from /proc/<pid>/stat; the command name in parentheses may itself hold spaces or parentheses. */
export function parentFromStat(stat: string): number | undefined {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const parent = Number(fields[1]);
  return Number.isInteger(parent) ? parent : undefined;
}

export function startProviderMemorySampler(intervalMs = 200, ancestor = process.pid): MemorySampler {
  const peaks = new Map<number, ProcessPeak>();
  const sample = () => {
    for (const pid of providerPids(ancestor)) {
      const kib = readPeak(pid);
      if (kib === undefined) continue;
      const peak = peaks.get(pid) ?? { pid, peakKiB: 0, samples: 0 };
      peaks.set(pid, { pid, peakKiB: Math.max(peak.peakKiB, kib), samples: peak.samples + 1 });
    }
  };
  const timer = setInterval(sample, intervalMs);
  sample();
  return {
    stop: () => {
      clearInterval(timer);
      return [...peaks.values()];
    },
  };
}

function providerPids(ancestor: number): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => isDynamicProviderCommand(readCommand(pid)) && descendsFrom(pid, ancestor));
}

function readCommand(pid: number): string[] {
  return readProc(pid, "cmdline")?.split("\0").filter(Boolean) ?? [];
}

function readPeak(pid: number): number | undefined {
  const status = readProc(pid, "status");
  return status === undefined ? undefined : peakFromStatus(status);
}

/** Other jobs on the machine may run Pulumi too; only our own descendants are measured. */
function descendsFrom(pid: number, ancestor: number): boolean {
  for (let current: number | undefined = pid; current !== undefined && current > 1;) {
    if (current === ancestor) return true;
    const stat = readProc(current, "stat");
    current = stat === undefined ? undefined : parentFromStat(stat);
  }
  return false;
}

/** A process may exit between listing /proc and reading it. */
function readProc(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}
