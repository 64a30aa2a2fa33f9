/** One `pulumi up`, measured: wall time, CPU by process, and the peak memory of the program and provider processes. */
import * as fs from "node:fs";
import { performance } from "node:perf_hooks";
import type { BenchProject } from "./benchProject";
import { childCpuMs } from "./childCpu";
import { onlyProcess, parseProcessReports } from "./processReports";

export interface ProcessUsage {
  peakKiB: number;
  cpuMs: number;
}

export interface UpMeasure {
  ms: number;
  /** The engine's summary: `{create: 51}` and so on. */
  changes: Record<string, number>;
  /** CPU of `pulumi` and everything it ran: engine, language host, program, dynamic-provider plugin. */
  pulumiCpuMs: number;
  /** CPU of the bench's own process meanwhile: the in-process emulator's work, and reading `pulumi`'s output. */
  benchCpuMs: number;
  /** The dynamic-provider plugin: every resource's provider runs in it. */
  provider: ProcessUsage;
  /** The language host's process running the program (index.ts). */
  program: ProcessUsage;
}

export interface MeasuredUpOptions {
  /** More flags for `pulumi up`, e.g. `["--parallel", "64"]`. */
  flags?: string[];
}

export async function measuredUp(project: BenchProject, options: MeasuredUpOptions = {}): Promise<UpMeasure> {
  return (await measuredUpWithMessages(project, options)).measure;
}

/** The measured `up`, with every message the engine and the providers printed during it. */
export async function measuredUpWithMessages(
  { project, processReportsFile }: BenchProject,
  { flags }: MeasuredUpOptions = {},
): Promise<{ measure: UpMeasure; messages: string[] }> {
  fs.rmSync(processReportsFile, { force: true });
  const benchCpu = process.cpuUsage();
  const pulumiCpu = childCpuMs();
  const started = performance.now();
  const { changes, messages } = await project.up({ flags });
  const ms = performance.now() - started;
  const pulumiCpuMs = childCpuMs() - pulumiCpu;
  const { user, system } = process.cpuUsage(benchCpu);
  const reports = parseProcessReports(fs.readFileSync(processReportsFile, "utf8"));
  const usage = (role: "provider" | "program"): ProcessUsage => {
    const { maxRssKiB, cpuMs } = onlyProcess(reports, role);
    return { peakKiB: maxRssKiB, cpuMs: Math.round(cpuMs) };
  };
  const measure = {
    ms: Math.round(ms),
    changes,
    pulumiCpuMs: Math.round(pulumiCpuMs),
    benchCpuMs: Math.round((user + system) / 1000),
    provider: usage("provider"),
    program: usage("program"),
  };
  return { measure, messages };
}
