import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";

/** Refresh and destroy of Automation API inline programs need at least this CLI. */
const MINIMUM_PULUMI_VERSION = "3.181.0";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const GO_MODULE_DIR = path.join(REPO_ROOT, "tools", "pulumi-cli");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";
const HEARTBEAT_MS = 20_000;
const LOCK_POLL_MS = 2_000;
const LOCK_TOUCH_MS = 15_000;
/** A lock untouched this long is stale even if its pid now belongs to another process. */
const LOCK_STALE_MS = 120_000;

const execFileAsync = promisify(execFile);

export interface PulumiCli {
  /** Absolute path of the `pulumi` executable. */
  binary: string;
  /** Directory holding the executable. */
  dir: string;
  /** Version the CLI reports, without the leading "v". */
  version: string;
  /** Variables to lay over `process.env` for anything that runs the CLI. */
  env: Record<string, string>;
}

export interface EnsurePulumiCliOptions {
  /** Receives progress messages; defaults to stderr. */
  log?: (message: string) => void;
}

let ensured: Promise<PulumiCli> | undefined;

/**
 * Finds a Pulumi CLI new enough for the Automation API: `pulumi` on PATH, else
 * the build cached outside the repo, else builds the version pinned in
 * tools/pulumi-cli/go.mod into that cache (once per machine, minutes).
 */
export function ensurePulumiCli(options: EnsurePulumiCliOptions = {}): Promise<PulumiCli> {
  ensured ??= locate(options.log ?? ((message) => process.stderr.write(`${message}\n`))).catch((error) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

async function locate(log: (message: string) => void): Promise<PulumiCli> {
  const onPath = await findOnPath(log);
  if (onPath) return onPath;

  const pinned = readGoMod();
  const binary = cachedBinaryPath(pinned.pulumiVersion);
  if ((await reportedVersion(binary)) !== pinned.pulumiVersion) {
    await buildOnce(binary, pinned, log);
  }
  bundleDynamicProviderPlugin(path.dirname(binary));
  return describe(binary, pinned.pulumiVersion);
}

async function findOnPath(log: (message: string) => void): Promise<PulumiCli | undefined> {
  const binary = findExecutable("pulumi");
  if (!binary) return undefined;
  const version = await reportedVersion(binary);
  if (version && compareVersions(version, MINIMUM_PULUMI_VERSION) >= 0) return describe(binary, version);
  log(`Ignoring ${binary}: it reports ${version ?? "no version"}, need ${MINIMUM_PULUMI_VERSION} or newer.`);
  return undefined;
}

/**
 * Official Pulumi builds ship the dynamic provider plugin next to the binary; a plugin found only on PATH
 * works too but makes every run print a warning. The script resolves `@pulumi/pulumi` from the project it
 * runs in, so one copy serves every checkout that shares the cache.
 */
function bundleDynamicProviderPlugin(cliDir: string): void {
  const source = path.join(path.dirname(require.resolve("@pulumi/pulumi/package.json")), DYNAMIC_PLUGIN);
  const target = path.join(cliDir, DYNAMIC_PLUGIN);
  const wanted = fs.readFileSync(source);
  if (fs.existsSync(target) && fs.readFileSync(target).equals(wanted)) return;
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, wanted, { mode: 0o755 });
  fs.renameSync(temporary, target);
}

function describe(binary: string, version: string): PulumiCli {
  const dir = path.dirname(binary);
  // The dynamic provider plugin (pulumi-resource-pulumi-nodejs) ships in the root of the npm package.
  const nodePluginDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const searchPath = [dir, nodePluginDir, process.env.PATH].filter(Boolean).join(path.delimiter);
  return { binary, dir, version, env: { PATH: searchPath, PULUMI_SKIP_UPDATE_CHECK: "true" } };
}

interface PinnedVersions {
  pulumiVersion: string;
  goVersion: string;
}

function readGoMod(): PinnedVersions {
  const goModPath = path.join(GO_MODULE_DIR, "go.mod");
  const goMod = fs.readFileSync(goModPath, "utf8");
  const pulumiVersion = /^\s*(?:require\s+)?github\.com\/pulumi\/pulumi\/pkg\/v3\s+v(\S+)/m.exec(goMod)?.[1];
  const goVersion = /^go\s+(\S+)/m.exec(goMod)?.[1];
  if (!pulumiVersion || !goVersion) {
    throw new Error(`${goModPath} must declare a go version and require github.com/pulumi/pulumi/pkg/v3`);
  }
  return { pulumiVersion, goVersion };
}

function cacheRoot(): string {
  if (process.env.COHERE_PULUMI_CACHE) return process.env.COHERE_PULUMI_CACHE;
  const xdgCache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(xdgCache, "cohere-pulumi");
}

/** `<root>/bin/pulumi` is the layout `PulumiCommand.get({ root })` expects. */
function cachedBinaryPath(version: string): string {
  return path.join(cacheRoot(), `pulumi-cli-v${version}`, "bin", "pulumi");
}

async function reportedVersion(binary: string): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, ["version"], {
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      timeout: 30_000,
    });
    return /^v?(\d+\.\d+\.\d+\S*)$/.exec(stdout.trim())?.[1];
  } catch {
    return undefined;
  }
}

function findExecutable(name: string): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter)) {
    if (!dir) continue;
    const candidate = path.join(dir, name);
    try {
      fs.accessSync(candidate, fs.constants.X_OK);
      if (fs.statSync(candidate).isFile()) return candidate;
    } catch {
      continue;
    }
  }
  return undefined;
}

function compareVersions(a: string, b: string): number {
  const numbers = (version: string) => version.split(/[.-]/, 3).map((part) => Number.parseInt(part, 10));
  const [left, right] = [numbers(a), numbers(b)];
  for (let i = 0; i < 3; i++) {
    if (left[i] !== right[i]) return left[i] - right[i];
  }
  return 0;
}

/**
 * Serialises builds across processes (parallel jest workers) with a lock file
 * holding the builder's pid, touched while the build runs. A lock whose pid is
 * gone or that nobody touches is stale and taken over; should two processes
 * still race, each builds into its own temp file and the atomic rename keeps
 * the binary whole.
 */
async function buildOnce(binary: string, pinned: PinnedVersions, log: (message: string) => void) {
  const binDir = path.dirname(binary);
  fs.mkdirSync(binDir, { recursive: true });
  const lockFile = path.join(path.dirname(binDir), "build.lock");
  let announcedWait = false;
  for (;;) {
    if ((await reportedVersion(binary)) === pinned.pulumiVersion) return;
    if (tryLock(lockFile)) {
      const touch = setInterval(() => fs.utimes(lockFile, new Date(), new Date(), () => {}), LOCK_TOUCH_MS);
      try {
        if ((await reportedVersion(binary)) !== pinned.pulumiVersion) await build(binary, pinned, log);
      } finally {
        clearInterval(touch);
        fs.rmSync(lockFile, { force: true });
      }
      return;
    }
    if (!announcedWait) {
      log(`Waiting for another process to finish building the Pulumi CLI (lock: ${lockFile})…`);
      announcedWait = true;
    }
    await new Promise((resolve) => setTimeout(resolve, LOCK_POLL_MS));
  }
}

function tryLock(lockFile: string): boolean {
  try {
    fs.writeFileSync(lockFile, String(process.pid), { flag: "wx" });
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (!isStale(lockFile)) return false;
  fs.rmSync(lockFile, { force: true });
  return tryLock(lockFile);
}

function isStale(lockFile: string): boolean {
  try {
    const holder = Number(fs.readFileSync(lockFile, "utf8").trim());
    const untouchedMs = Date.now() - fs.statSync(lockFile).mtimeMs;
    // An empty file is a lock being written right now, not a dead one.
    return untouchedMs > LOCK_STALE_MS || (holder > 0 && !isAlive(holder));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return true;
    throw error;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

async function build(binary: string, pinned: PinnedVersions, log: (message: string) => void) {
  const go = findExecutable("go");
  if (!go) {
    throw new Error(
      `No Pulumi CLI found: \`pulumi\` (${MINIMUM_PULUMI_VERSION} or newer) is not on PATH, ` +
        `${binary} does not exist yet, and \`go\` is not on PATH to build it. Install Go ${pinned.goVersion} ` +
        `or newer (https://go.dev/dl/) and run \`npm run pulumi-cli\`, or install the Pulumi CLI ` +
        `(https://www.pulumi.com/docs/install/).`,
    );
  }
  const binDir = path.dirname(binary);
  for (const leftover of fs.readdirSync(binDir).filter((name) => name.startsWith(".pulumi-build-"))) {
    fs.rmSync(path.join(binDir, leftover), { force: true });
  }
  const partial = path.join(binDir, `.pulumi-build-${process.pid}`);
  log(
    `Building the Pulumi CLI v${pinned.pulumiVersion} from Go modules into ${binary} ` +
      `(first run only; about 4 minutes on 2 idle cores plus module downloads, longer under load)…`,
  );
  const started = Date.now();
  await runGoBuild(go, partial, pinned.pulumiVersion, (packages, downloads) => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    log(`  … ${packages} packages compiled, ${downloads} modules downloaded, ${elapsed}s elapsed`);
  });
  fs.renameSync(partial, binary);
  log(`Built ${binary} in ${Math.round((Date.now() - started) / 1000)}s.`);
}

function runGoBuild(
  go: string,
  output: string,
  version: string,
  heartbeat: (packages: number, downloads: number) => void,
): Promise<void> {
  const args = [
    "build",
    "-v",
    "-trimpath",
    "-ldflags",
    `-s -w -X ${VERSION_VARIABLE}=v${version}`,
    "-o",
    output,
    CLI_PACKAGE,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd: GO_MODULE_DIR, stdio: ["ignore", "inherit", "pipe"] });
    let packages = 0;
    let downloads = 0;
    const recent: string[] = [];
    let pending = "";
    child.stderr.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) {
        if (line.startsWith("go: downloading ")) downloads++;
        else if (/^[\w.~/-]+$/.test(line)) packages++;
        recent.push(line);
      }
      recent.splice(0, Math.max(0, recent.length - 40));
    });
    const timer = setInterval(() => heartbeat(packages, downloads), HEARTBEAT_MS);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    child.on("close", (code, signal) => {
      clearInterval(timer);
      if (code === 0) return resolve();
      fs.rmSync(output, { force: true });
      const tail = [...recent, pending].filter(Boolean).join("\n");
      reject(
        new Error(`go ${args.join(" ")} failed (${signal ?? `exit ${code}`}) in ${GO_MODULE_DIR}:\n${tail}`),
      );
    });
  });
}
