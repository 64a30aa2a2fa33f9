/**
 * CPU time and peak memory of the processes running one executable, sampled from /proc (Linux) while they run: for
 * a plugin the bench's probe cannot reach (a single executable, a Go binary), under the same method for both.
 * A process's CPU is its last sample before it ended, so up to one interval of its work at the end is missed; the
 * peak is the kernel's high-water mark (VmHWM), so nothing between samples is missed.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

const INTERVAL_MS = 50;

export interface SampledUsage {
  /** Processes seen running the executable. */
  processes: number;
  cpuMs: number;
  /** The largest of their peaks. */
  peakKiB: number;
}

interface Sample {
  ticks: number;
  peakKiB: number;
}

let ticksPerSecond: number | undefined;

/** Samples every process whose executable is `executable` until the returned function is called. */
export function sampleProcesses(executable: string): () => SampledUsage {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  const target = fs.realpathSync(executable);
  const samples = new Map<string, Sample>();
  const sampleAll = () => {
    for (const pid of fs.readdirSync("/proc").filter((name) => /^\d+$/.test(name))) {
      if (samples.has(pid) || executableOf(pid) === target) {
        const sample = sampleOf(pid, samples.get(pid));
        if (sample) samples.set(pid, sample);
      }
    }
  };
  sampleAll();
  const timer = setInterval(sampleAll, INTERVAL_MS);
  return () => {
    clearInterval(timer);
    sampleAll();
    const all = [...samples.values()];
    return {
      processes: all.length,
      cpuMs: Math.round((all.reduce((sum, sample) => sum + sample.ticks, 0) * 1000) / ticksPerSecond!),
      peakKiB: Math.max(0, ...all.map((sample) => sample.peakKiB)),
    };
  };
}

/** utime + stime, fields 14 and 15 of /proc/<pid>/stat; the command name before them may hold spaces. */
export function processCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[11]) + Number(fields[12]);
}

/** `VmHWM` of /proc/<pid>/status, in KiB. */
export function peakRssKiB(status: string): number {
  return Number(/^VmHWM:\s+(\d+) kB$/m.exec(status)?.[1] ?? 0);
}

function executableOf(pid: string): string | undefined {
  try {
    return fs.readlinkSync(`/proc/${pid}/exe`);
  } catch {
    return undefined;
  }
}

/** Undefined once the process has been reaped: its previous sample stands. An ended one has no VmHWM left. */
function sampleOf(pid: string, previous: Sample | undefined): Sample | undefined {
  try {
    const ticks = processCpuTicks(fs.readFileSync(`/proc/${pid}/stat`, "utf8"));
    const peakKiB = peakRssKiB(fs.readFileSync(`/proc/${pid}/status`, "utf8"));
    return { ticks, peakKiB: Math.max(peakKiB, previous?.peakKiB ?? 0) };
  } catch {
    return undefined;
  }
}
