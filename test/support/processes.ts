/** Finds this process's descendants through /proc, so a test can kill exactly the Pulumi processes it started. */
import * as fs from "node:fs";

export interface ProcessInfo {
  pid: number;
  parentPid: number;
  commandLine: string;
}

function readProcess(pid: number): ProcessInfo | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name in field 2 may hold spaces and parentheses; the fields after its closing one do not.
    const parentPid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    const commandLine = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim();
    return { pid, parentPid, commandLine };
  } catch {
    return undefined;
  }
}

export function descendantsOf(rootPid: number): ProcessInfo[] {
  const all = fs
    .readdirSync("/proc")
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readProcess(Number(name)))
    .filter((info): info is ProcessInfo => info !== undefined);
  const found: ProcessInfo[] = [];
  let frontier = [rootPid];
  while (frontier.length > 0) {
    const children = all.filter((info) => frontier.includes(info.parentPid));
    found.push(...children);
    frontier = children.map((child) => child.pid);
  }
  return found;
}
