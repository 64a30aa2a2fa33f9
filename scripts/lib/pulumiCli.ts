import { execFile, spawn } from "node:child_process";
import { createHash } from "node:crypto";
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
const CLI_PACKAGE = "github.com/pulumi/pulumi/pkg/v3/cmd/pulumi";
export const SDK_MODULE = "github.com/pulumi/pulumi/sdk/v3";
const SDK_VERSION_VARIABLE = `${SDK_MODULE}/go/common/version.Version`;
const DYNAMIC_PLUGIN = "pulumi-resource-pulumi-nodejs";
const HEARTBEAT_MS = 20_000;

const execFileAsync = promisify(execFile);

const SDK_VERSIONED = { versionOf: SDK_MODULE, versionVariable: SDK_VERSION_VARIABLE };

/**
 * The language hosts Pulumi runs for each `runtime:` of a project (or of a provider plugin's PulumiPlugin.yaml),
 * and that `pulumi package gen-sdk` runs to write an SDK in its language, built from
 * `tools/pulumi-language-<runtime>`: the module's own main package (source kept in the repo, see each folder's
 * README), or a package of a module pinned in its go.mod. `versionOf` names the module whose required
 * version is stamped into `versionVariable`, the version the host reports. `companions` are files of a module the
 * host's go.mod pins that it needs beside it, as in Pulumi's releases: the Python host runs programs through the
 * `pulumi-language-python-exec` script, and Python dynamic providers run as `pulumi-resource-pulumi-python`.
 */
const LANGUAGE_HOSTS = [
  { runtime: "nodejs", language: "Node.js", target: ".", ...SDK_VERSIONED },
  {
    runtime: "yaml",
    language: "YAML",
    target: "github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml",
    versionOf: "github.com/pulumi/pulumi-yaml",
    versionVariable: "github.com/pulumi/pulumi-yaml/pkg/version.Version",
  },
  {
    runtime: "python",
    language: "Python",
    target: ".",
    ...SDK_VERSIONED,
    companions: {
      module: SDK_MODULE,
      files: ["python/cmd/pulumi-language-python-exec", "python/dist/pulumi-resource-pulumi-python"],
    },
  },
  { runtime: "go", language: "Go", target: ".", ...SDK_VERSIONED },
  // No .NET program runs here (no .NET SDK); `pulumi package gen-sdk --language dotnet` needs the host all the same.
  {
    runtime: "dotnet",
    language: ".NET",
    target: "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3",
    versionOf: "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3",
    versionVariable: "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3/version.Version",
  },
] as const;

export type LanguageRuntime = (typeof LANGUAGE_HOSTS)[number]["runtime"];
export const LANGUAGE_RUNTIMES: readonly LanguageRuntime[] = LANGUAGE_HOSTS.map((host) => host.runtime);

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
 * Finds a Pulumi CLI (MINIMUM_PULUMI_VERSION or newer) and the language hosts that `pulumi up` of a `runtime:
 * nodejs`, `yaml`, `python` or `go` project needs, and the `dotnet` one `gen-sdk` needs: `pulumi` on PATH with
 * each host beside it or on PATH, else the builds cached outside the repo. Whatever is missing is built from
 * tools/pulumi-cli (the version pinned in its go.mod) and tools/pulumi-language-<runtime> into that cache: once per
 * machine, minutes.
 */
export function ensurePulumiCli(options: EnsurePulumiCliOptions = {}): Promise<PulumiCli> {
  ensured ??= locate(options.log ?? logToStderr).catch((error) => {
    ensured = undefined;
    throw error;
  });
  return ensured;
}

/**
 * The language host Pulumi runs for `pulumiBinary` and `runtime`: the one beside its (symlink-resolved)
 * executable, else on PATH.
 */
export function findLanguageHost(
  pulumiBinary: string,
  searchPath = process.env.PATH ?? "",
  runtime: LanguageRuntime = "nodejs",
): string | undefined {
  const besideCli = path.dirname(fs.realpathSync(pulumiBinary));
  const dirs = [besideCli, ...searchPath.split(path.delimiter)].filter(Boolean);
  return (
    which.sync(`pulumi-language-${runtime}`, { path: dirs.join(path.delimiter), nothrow: true }) ?? undefined
  );
}

/** `findLanguageHost` for every runtime in LANGUAGE_RUNTIMES. */
export function findLanguageHosts(
  pulumiBinary: string,
  searchPath = process.env.PATH ?? "",
): Record<LanguageRuntime, string | undefined> {
  const found = LANGUAGE_RUNTIMES.map((runtime) => [
    runtime,
    findLanguageHost(pulumiBinary, searchPath, runtime),
  ]);
  return Object.fromEntries(found) as Record<LanguageRuntime, string | undefined>;
}

async function locate(log: Log): Promise<PulumiCli> {
  const cliBuild = pinnedCliBuild();
  const hostBuilds = LANGUAGE_HOSTS.map((host) =>
    pinnedLanguageHostBuild(host, path.dirname(cliBuild.output)),
  );
  const onPath = await pulumiOnPath(log);
  if (onPath) {
    // A pulumi of one's own brings its own hosts; build only those that are neither beside it nor on PATH.
    const found = LANGUAGE_HOSTS.map((host) => findLanguageHost(onPath.binary, undefined, host.runtime));
    const missing = hostBuilds.filter((_build, index) => !found[index]);
    await ensureBuilt(missing, log);
    const hostDirs = hostBuilds.map((build, index) => path.dirname(found[index] ?? build.output));
    return describe(onPath.binary, onPath.version, hostDirs);
  }
  await ensureBuilt([cliBuild, ...hostBuilds], log);
  bundleDynamicProviderPlugin(path.dirname(cliBuild.output));
  return describe(cliBuild.output, cliBuild.version, []);
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

function describe(binary: string, version: string, languageHostDirs: string[]): PulumiCli {
  const dir = path.dirname(binary);
  // The dynamic provider plugin (pulumi-resource-pulumi-nodejs) ships in the root of the npm package.
  const dynamicPluginDir = path.dirname(require.resolve("@pulumi/pulumi/package.json"));
  const searchPath = [...new Set([dir, ...languageHostDirs, dynamicPluginDir, process.env.PATH])]
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
  /** Stamped into the binary (into `versionVariable`). */
  version: string;
  versionVariable: string;
  /**
   * How a build in the cache counts as current. The CLI: it reports `version` when run with `versionArgs`. A
   * language host: the `key` recorded beside it when it was built matches, the version plus a hash of its
   * module's Go files, so a change to the source kept in the repo rebuilds it (its `-version` would not tell).
   */
  versionArgs?: string[];
  key?: string;
  /** Files of `module` (in the module cache once the build has run) copied beside the output. */
  companions?: { module: string; files: readonly string[] };
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
    versionVariable: SDK_VERSION_VARIABLE,
    versionArgs: ["version"],
    goVersion: goMod.goVersion,
    expectedDuration: "about 6 minutes on 2 idle cores plus module downloads, longer under load",
  };
}

/** Pulumi looks for its language hosts beside its own executable first, so they go into the CLI's directory. */
function pinnedLanguageHostBuild(host: (typeof LANGUAGE_HOSTS)[number], cliDir: string): GoBuild {
  const name = `pulumi-language-${host.runtime}`;
  const moduleDir = path.join(REPO_ROOT, "tools", name);
  const goMod = readGoMod(moduleDir);
  const version = requiredVersion(goMod, host.versionOf);
  return {
    title: `Pulumi's ${host.language} language host (${name} v${version})`,
    moduleDir,
    target: host.target,
    output: path.join(cliDir, name),
    version,
    versionVariable: host.versionVariable,
    key: `v${version} ${goSourceHash(moduleDir)}`,
    companions: "companions" in host ? host.companions : undefined,
    goVersion: goMod.goVersion,
    expectedDuration: "seconds to a minute right after the CLI's build, a few minutes on its own",
  };
}

/** A hash of the module's go.mod, go.sum and .go files, with their paths. */
function goSourceHash(moduleDir: string): string {
  const hash = createHash("sha256");
  const files = fs.readdirSync(moduleDir, { recursive: true, encoding: "utf8" });
  for (const file of files.filter((name) => /(^|\/)go\.(mod|sum)$|\.go$/.test(name)).sort()) {
    hash
      .update(`${file}\0`)
      .update(fs.readFileSync(path.join(moduleDir, file)))
      .update("\0");
  }
  return hash.digest("hex");
}

/** Where a language host's build key is recorded; hidden, as the directory is on PATH. */
function keyFile(build: GoBuild): string {
  return path.join(path.dirname(build.output), `.${path.basename(build.output)}.key`);
}

export interface GoMod {
  path: string;
  text: string;
  goVersion: string;
}

export function readGoMod(moduleDir: string): GoMod {
  const goModPath = path.join(moduleDir, "go.mod");
  const text = fs.readFileSync(goModPath, "utf8");
  const goVersion = /^go\s+(\S+)/m.exec(text)?.[1];
  if (!goVersion) throw new Error(`${goModPath} must declare a go version`);
  return { path: goModPath, text, goVersion };
}

export function requiredVersion(goMod: GoMod, module: string): string {
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

async function isCurrent(build: GoBuild): Promise<boolean> {
  if (build.versionArgs) return (await reportedVersion(build.output, build.versionArgs)) === build.version;
  const needed = [
    build.output,
    keyFile(build),
    ...companionPaths(build).map((companion) => companion.target),
  ];
  if (!needed.every((file) => fs.existsSync(file))) return false;
  return fs.readFileSync(keyFile(build), "utf8") === build.key;
}

async function unbuilt(builds: GoBuild[]): Promise<GoBuild[]> {
  const current = await Promise.all(builds.map(isCurrent));
  return builds.filter((_build, index) => !current[index]);
}

/** Builds what is missing or stale under one lock per cache directory, so parallel processes build it once. */
async function ensureBuilt(builds: GoBuild[], log: Log): Promise<void> {
  if ((await unbuilt(builds)).length === 0) return;
  const versionDir = path.dirname(path.dirname(builds[0].output));
  await withCacheLock(versionDir, "building the Pulumi CLI and its language hosts", log, async () => {
    for (const build of await unbuilt(builds)) await goBuild(build, log);
  });
}

async function goBuild(build: GoBuild, log: Log): Promise<void> {
  const go = which.sync("go", { nothrow: true });
  if (!go) {
    throw new Error(
      `Cannot build ${build.title}: \`go\` is not on PATH, ${build.output} does not exist yet, and no ` +
        `\`pulumi\` (${MINIMUM_PULUMI_VERSION} or newer) with its language hosts is on PATH. Install Go ` +
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
  await copyCompanions(go, build);
  if (build.key !== undefined) fs.writeFileSync(keyFile(build), build.key);
  log(`Built ${build.output} in ${Math.round((Date.now() - started) / 1000)}s.`);
}

function companionPaths(build: GoBuild): { file: string; target: string }[] {
  const binDir = path.dirname(build.output);
  return (build.companions?.files ?? []).map((file) => ({
    file,
    target: path.join(binDir, path.basename(file)),
  }));
}

async function copyCompanions(go: string, build: GoBuild): Promise<void> {
  if (!build.companions) return;
  const { stdout } = await execFileAsync(go, ["list", "-m", "-f", "{{.Dir}}", build.companions.module], {
    cwd: build.moduleDir,
  });
  for (const { file, target } of companionPaths(build)) {
    const temporary = `${target}.${process.pid}.tmp`;
    fs.copyFileSync(path.join(stdout.trim(), file), temporary);
    fs.chmodSync(temporary, 0o755);
    fs.renameSync(temporary, target);
  }
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
    // Language hosts' main packages live in this repository; stamping them would need a usable git checkout.
    "-buildvcs=false",
    "-ldflags",
    `-s -w -X ${build.versionVariable}=v${build.version}`,
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
