import { execFile, spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import * as semver from "semver";
import which from "which";
import { cacheRoot, Log, logToStderr, withCacheLock } from "./cache";

/** A `pulumi` on PATH older than this is passed over for the pinned build. */
const MINIMUM_PULUMI_VERSION = "3.181.0";

export const REPO_ROOT = path.resolve(__dirname, "..", "..");
const CLI_MODULE_DIR = path.join(REPO_ROOT, "tools", "pulumi-cli");
const LANGUAGE_HOST_MODULE_DIR = path.join(REPO_ROOT, "tools", "pulumi-language-nodejs");
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
const VERSION_VARIABLE = "github.com/pulumi/pulumi/sdk/v3/go/common/version.Version";
const LANGUAGE_HOST = "pulumi-language-nodejs";
const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";
const HEARTBEAT_MS = 20_000;

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
  log?: Log;
}

let ensured: Promise<PulumiCli> | undefined;

/**
 * Finds a Pulumi CLI (MINIMUM_PULUMI_VERSION or newer) and the Node.js language host that `pulumi up` of a
 * `runtime: nodejs` project needs: `pulumi` on PATH with the host beside it or on PATH, else the builds cached
 * outside the repo. Whatever is missing is built from tools/pulumi-cli (the version pinned in its go.mod) and
 * tools/pulumi-language-nodejs into that cache: once per machine, minutes.
 */
export function ensurePulumiCli(options: EnsurePulumiCliOptions = {}): Promise<PulumiCli> {
  ensured ??= locate(options.log ?? logToStderr).catch((error) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

/** The language host Pulumi runs for `pulumiBinary`: the one beside its (symlink-resolved) executable, else on PATH. */
export function findLanguageHost(
  pulumiBinary: string,
  searchPath = process.env.PATH ?? "",
): string | undefined {
  const besideCli = path.dirname(fs.realpathSync(pulumiBinary));
  const dirs = [besideCli, ...searchPath.split(path.delimiter)].filter(Boolean);
  return which.sync(LANGUAGE_HOST, { path: dirs.join(path.delimiter), nothrow: true }) ?? undefined;
}

async function locate(log: Log): Promise<PulumiCli> {
  const cliBuild = pinnedCliBuild();
  const languageHostBuild = pinnedLanguageHostBuild(path.dirname(cliBuild.output));
  const onPath = await pulumiOnPath(log);
  if (onPath) {
    let languageHost = findLanguageHost(onPath.binary);
    if (!languageHost) {
      await ensureBuilt([languageHostBuild], log);
      languageHost = languageHostBuild.output;
    }
    return describe(onPath.binary, onPath.version, path.dirname(languageHost));
  }
  await ensureBuilt([cliBuild, languageHostBuild], log);
  bundleDynamicProviderPlugin(path.dirname(cliBuild.output));
  return describe(cliBuild.output, cliBuild.version, path.dirname(languageHostBuild.output));
}

async function pulumiOnPath(log: Log): Promise<{ binary: string; version: string } | undefined> {
  const found = which.sync("pulumi", { nothrow: true });
  if (!found) return undefined;
  const binary = path.resolve(found);
  const version = await reportedVersion(binary, ["version"]);
  if (version && semver.gte(version, MINIMUM_PULUMI_VERSION)) return { binary, version };
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

function describe(binary: string, version: string, languageHostDir: string): PulumiCli {
  const dir = path.dirname(binary);
  // The dynamic provider plugin (pulumi-resource-pulumi-nodejs) ships in the root of the npm package.
  const dynamicPluginDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const searchPath = [...new Set([dir, languageHostDir, dynamicPluginDir, process.env.PATH])]
    .filter(Boolean)
    .join(path.delimiter);
  return { binary, dir, version, env: { PATH: searchPath, PULUMI_SKIP_UPDATE_CHECK: "true" } };
}

interface GoBuild {
  /** Names it in progress messages. */
  title: string;
  moduleDir: string;
  /** What `go build` builds: a package path, or "." for the module's own main package. */
  target: string;
  output: string;
  /** Stamped into the binary, and what it must report to count as built. */
  version: string;
  versionArgs: string[];
  goVersion: string;
  expectedDuration: string;
}

/** `<root>/bin/pulumi` is the layout `PulumiCommand.get({ root })` expects. */
function pinnedCliBuild(): GoBuild {
  const goMod = readGoMod(CLI_MODULE_DIR);
  const version = requiredVersion(goMod, "github.com/pulumi/pulumi/pkg/v3");
  return {
    title: `the Pulumi CLI v${version}`,
    moduleDir: CLI_MODULE_DIR,
    target: CLI_PACKAGE,
    output: path.join(cacheRoot(), `pulumi-cli-v${version}`, "bin", "pulumi"),
    version,
    versionArgs: ["version"],
    goVersion: goMod.goVersion,
    expectedDuration: "about 6 minutes on 2 idle cores plus module downloads, longer under load",
  };
}

/** Pulumi looks for its language host beside its own executable first, so it goes into the CLI's directory. */
function pinnedLanguageHostBuild(cliDir: string): GoBuild {
  const goMod = readGoMod(LANGUAGE_HOST_MODULE_DIR);
  const version = requiredVersion(goMod, "github.com/pulumi/pulumi/sdk/v3");
  return {
    title: `Pulumi's Node.js language host (${LANGUAGE_HOST} v${version})`,
    moduleDir: LANGUAGE_HOST_MODULE_DIR,
    target: ".",
    output: path.join(cliDir, LANGUAGE_HOST),
    version,
    versionArgs: ["-version"],
    goVersion: goMod.goVersion,
    expectedDuration: "seconds right after the CLI's build, about 2 minutes on its own",
  };
}

interface GoMod {
  path: string;
  text: string;
  goVersion: string;
}

function readGoMod(moduleDir: string): GoMod {
  const goModPath = path.join(moduleDir, "go.mod");
  const text = fs.readFileSync(goModPath, "utf8");
  const goVersion = /^go\s+(\S+)/m.exec(text)?.[1];
  if (!goVersion) throw new Error(`${goModPath} must declare a go version`);
  return { path: goModPath, text, goVersion };
}

function requiredVersion(goMod: GoMod, module: string): string {
  const escaped = module.replace(/[.\\/]/g, "\\$&");
  const version = new RegExp(`^\\s*(?:require\\s+)?${escaped}\\s+v(\\S+)`, "m").exec(goMod.text)?.[1];
  if (!version) throw new Error(`${goMod.path} must require ${module}`);
  return version;
}

async function reportedVersion(binary: string, versionArgs: string[]): Promise<string | undefined> {
  try {
    const { stdout } = await execFileAsync(binary, versionArgs, {
      env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
      timeout: 30_000,
    });
    return semver.clean(stdout) ?? undefined;
  } catch {
    return undefined;
  }
}

async function unbuilt(builds: GoBuild[]): Promise<GoBuild[]> {
  const reported = await Promise.all(builds.map((build) => reportedVersion(build.output, build.versionArgs)));
  return builds.filter((build, index) => reported[index] !== build.version);
}

/** Builds what is missing or stale under one lock per cache directory, so parallel processes build it once. */
async function ensureBuilt(builds: GoBuild[], log: Log): Promise<void> {
  if ((await unbuilt(builds)).length === 0) return;
  const versionDir = path.dirname(path.dirname(builds[0].output));
  await withCacheLock(versionDir, "building the Pulumi CLI and its language host", log, async () => {
    for (const build of await unbuilt(builds)) await goBuild(build, log);
  });
}

async function goBuild(build: GoBuild, log: Log): Promise<void> {
  const go = which.sync("go", { nothrow: true });
  if (!go) {
    throw new Error(
      `Cannot build ${build.title}: \`go\` is not on PATH, ${build.output} does not exist yet, and no ` +
        `\`pulumi\` (${MINIMUM_PULUMI_VERSION} or newer) with its ${LANGUAGE_HOST} is on PATH. Install Go ` +
        `${build.goVersion} or newer (https://go.dev/dl/) and run \`npm run pulumi-cli\`, or install the Pulumi ` +
        `CLI (https://www.pulumi.com/docs/install/).`,
    );
  }
  const binDir = path.dirname(build.output);
  fs.mkdirSync(binDir, { recursive: true });
  const partialPrefix = `.build-${path.basename(build.output)}-`;
  for (const leftover of fs.readdirSync(binDir).filter((name) => name.startsWith(partialPrefix))) {
    fs.rmSync(path.join(binDir, leftover), { force: true });
  }
  const partial = path.join(binDir, `${partialPrefix}${process.pid}`);
  log(
    `Building ${build.title} from Go sources into ${build.output} ` +
      `(first run only; ${build.expectedDuration})…`,
  );
  const started = Date.now();
  await runGoBuild(go, build, partial, (packages, downloads) => {
    const elapsed = Math.round((Date.now() - started) / 1000);
    log(`  … ${packages} packages compiled, ${downloads} modules downloaded, ${elapsed}s elapsed`);
  });
  fs.renameSync(partial, build.output);
  log(`Built ${build.output} in ${Math.round((Date.now() - started) / 1000)}s.`);
}

function runGoBuild(
  go: string,
  build: GoBuild,
  output: string,
  heartbeat: (packages: number, downloads: number) => void,
): Promise<void> {
  const args = [
    "build",
    "-v",
    "-trimpath",
    // The language host's main package lives in this repository; stamping it would need a usable git checkout.
    "-buildvcs=false",
    "-ldflags",
    `-s -w -X ${VERSION_VARIABLE}=v${build.version}`,
    "-o",
    output,
    build.target,
  ];
  return new Promise((resolve, reject) => {
    const child = spawn(go, args, { cwd: build.moduleDir, stdio: ["ignore", "inherit", "pipe"] });
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
        new Error(
          `go ${args.join(" ")} failed (${signal ?? `exit ${code}`}) in ${build.moduleDir}:\n${tail}`,
        ),
      );
    });
  });
}
