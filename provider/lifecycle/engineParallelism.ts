/**
 * How many resource operations the Pulumi engine runs at once (`--parallel`). The engine does not tell its
 * plugins, so this reads the flag off the `pulumi` process this one descends from, then `PULUMI_PARALLEL`, then
 * the CLI's default of 4 per CPU.
 */
import { readFileSync } from "node:fs";
import { availableParallelism } from "node:os";

export interface EngineParallelism {
  slots: number;
  source: "flag" | "PULUMI_PARALLEL" | "default";
}

export interface EngineParallelismOptions {
  env?: NodeJS.ProcessEnv;
  cpus?: number;
  /** A file under /proc, or undefined when it cannot be read. */
  readProc?: (path: string) => string | undefined;
  /** The pid to start the walk from. */
  ppid?: number;
}

/** node → maybe a shell and the language host → pulumi; a few more in case of wrappers. */
const maxAncestors = 8;

/** The `pulumi` commands that take `--parallel`, with their aliases. */
const parallelCommands: readonly string[] = [
  "up",
  "update",
  "preview",
  "pre",
  "refresh",
  "destroy",
  "down",
  "dn",
];

export function engineParallelism(options: EngineParallelismOptions = {}): EngineParallelism {
  const {
    env = process.env,
    cpus = availableParallelism(),
    readProc = readProcFile,
    ppid = process.ppid,
  } = options;
  const flag = parallelFlagOfPulumiAncestor(readProc, ppid);
  if (flag !== undefined) return { slots: flag, source: "flag" };
  const fromEnv = positiveInteger(env.PULUMI_PARALLEL);
  if (fromEnv !== undefined) return { slots: fromEnv, source: "PULUMI_PARALLEL" };
  return { slots: 4 * cpus, source: "default" };
}

/** `--parallel N`, `--parallel=N`, `-p N` or `-pN` after `up`, `preview`, `refresh` or `destroy`. */
export function parallelFlag(argv: string[]): number | undefined {
  const command = argv.findIndex((arg, i) => i > 0 && parallelCommands.includes(arg));
  if (command < 0) return undefined;
  let found: number | undefined;
  for (let i = command + 1; i < argv.length && argv[i] !== "--"; i++) {
    const arg = argv[i];
    let value: string | undefined;
    if (arg === "--parallel" || arg === "-p") value = argv[++i];
    else if (arg.startsWith("--parallel=")) value = arg.slice("--parallel=".length);
    else if (/^-p[^-]/.test(arg)) value = arg.slice(2).replace(/^=/, "");
    else continue;
    // As with any repeated flag, the last one counts.
    found = positiveInteger(value) ?? found;
  }
  return found;
}

function parallelFlagOfPulumiAncestor(readProc: (path: string) => string | undefined, ppid: number) {
  let pid = ppid;
  for (let level = 0; level < maxAncestors && pid > 1; level++) {
    const argv = readProc(`/proc/${pid}/cmdline`)
      ?.split("\0")
      .filter((arg) => arg !== "");
    if (argv?.length && basename(argv[0]) === "pulumi") return parallelFlag(argv);
    const parent = readProc(`/proc/${pid}/status`)?.match(/^PPid:\s*(\d+)/m);
    if (!parent) return undefined;
    pid = Number(parent[1]);
  }
  return undefined;
}

function positiveInteger(text: string | undefined): number | undefined {
  if (!text || !/^\d+$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value > 0 && Number.isSafeInteger(value) ? value : undefined;
}

function basename(path: string): string {
  return path.slice(path.lastIndexOf("/") + 1);
}

function readProcFile(path: string): string | undefined {
  if (process.platform !== "linux") return undefined;
  try {
    return readFileSync(path, "utf8");
  } catch {
    return undefined;
  }
}
