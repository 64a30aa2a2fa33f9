/**
 * CPU time of this process's children that have ended and been waited for (Linux, /proc/self/stat): around one
 * `pulumi` run it is the CPU of the CLI and of everything it ran and waited for, the language host, the program
 * and the plugins.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";

let ticksPerSecond: number | undefined;

export function childCpuMs(): number {
  ticksPerSecond ??= Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim());
  return (childCpuTicks(fs.readFileSync("/proc/self/stat", "utf8")) * 1000) / ticksPerSecond;
}

/** cutime + cstime, fields 16 and 17 of /proc/<pid>/stat; the command name before them may hold spaces. */
export function childCpuTicks(stat: string): number {
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return Number(fields[13]) + Number(fields[14]);
}
