import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as lockfile from "proper-lockfile";
import { REPO_ROOT } from "../../scripts/lib/pulumiCli";

type PulumiCliModule = typeof import("../../scripts/lib/pulumiCli");

const CLI_MODULE_DIR = path.join(REPO_ROOT, "tools", "pulumi-cli");
const RUNTIMES = ["nodejs", "yaml", "python", "go", "dotnet"];
const HOSTS = RUNTIMES.map((runtime) => `pulumi-language-${runtime}`);
const LANGUAGE_HOST_MODULE_DIR = path.join(REPO_ROOT, "tools", "pulumi-language-nodejs");
const HOST_MODULE_DIRS = HOSTS.map((host) => path.join(REPO_ROOT, "tools", host));
const DYNAMIC_PLUGIN_DIR = path.dirname(require.resolve("@pulumi/pulumi/package.json"));

let tmp: string;
let cache: string;
let buildLog: string;
let logged: string[];
const savedEnv = { PATH: process.env.PATH, COHERE_PULUMI_CACHE: process.env.COHERE_PULUMI_CACHE };

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "pulumi-cli-test-"));
  cache = path.join(tmp, "cache");
  buildLog = path.join(tmp, "builds.log");
  logged = [];
  process.env.COHERE_PULUMI_CACHE = cache;
});

afterEach(() => {
  process.env.PATH = savedEnv.PATH;
  process.env.COHERE_PULUMI_CACHE = savedEnv.COHERE_PULUMI_CACHE;
  fs.rmSync(tmp, { recursive: true, force: true });
});

function dir(name: string): string {
  const created = path.join(tmp, name);
  fs.mkdirSync(created, { recursive: true });
  return created;
}

function executable(file: string, text: string): string {
  fs.writeFileSync(file, text, { mode: 0o755 });
  return file;
}

function fakeVersionReporter(file: string, version: string): string {
  return executable(file, `#!/bin/sh\necho v${version}\n`);
}

function fakeHosts(binDir: string, hosts = HOSTS): void {
  for (const host of hosts) fakeVersionReporter(path.join(binDir, host), "3.300.0");
}

/**
 * Stands in for `go build`: writes a binary that reports the version stamped by -ldflags, and logs the module. For
 * `go list -m -f {{.Dir}} <module>` (where the build copies companion files from) it prints a directory that holds
 * every file a module is asked for.
 */
function fakeGo(binDir: string): void {
  const moduleDir = dir("gomodcache/module");
  for (const file of [
    "python/cmd/pulumi-language-python-exec",
    "python/dist/pulumi-resource-pulumi-python",
  ]) {
    fs.mkdirSync(path.dirname(path.join(moduleDir, file)), { recursive: true });
    fs.writeFileSync(path.join(moduleDir, file), "#!/bin/sh\n");
  }
  executable(
    path.join(binDir, "go"),
    `#!${process.execPath}
const fs = require("fs");
const args = process.argv.slice(2);
if (args[0] === "list") {
  console.log(${JSON.stringify(moduleDir)});
  process.exit(0);
}
const output = args[args.indexOf("-o") + 1];
const version = /=(v\\S+)$/.exec(args[args.indexOf("-ldflags") + 1])[1];
fs.writeFileSync(output, "#!/bin/sh\\necho " + version + "\\n", { mode: 0o755 });
fs.appendFileSync(${JSON.stringify(buildLog)}, process.cwd() + "\\n");
`,
  );
}

function builtModules(): string[] {
  return fs.existsSync(buildLog) ? fs.readFileSync(buildLog, "utf8").trim().split("\n") : [];
}

// Fresh instances stand for separate processes (and reset the memo); a fresh proper-lockfile in each would add
// its own process signal handlers every time.
jest.doMock("proper-lockfile", () => lockfile);

async function freshModule(): Promise<PulumiCliModule> {
  let loaded: PulumiCliModule | undefined;
  await jest.isolateModulesAsync(async () => {
    loaded = await import("../../scripts/lib/pulumiCli");
  });
  return loaded!;
}

async function ensure(loaded?: PulumiCliModule) {
  const { ensurePulumiCli, findLanguageHost, findLanguageHosts } = loaded ?? (await freshModule());
  const cli = await ensurePulumiCli({ log: (message) => logged.push(message) });
  return {
    cli,
    languageHost: findLanguageHost(cli.binary, cli.env.PATH),
    languageHosts: findLanguageHosts(cli.binary, cli.env.PATH),
    searchPath: cli.env.PATH.split(":"),
  };
}

describe("ensurePulumiCli with a pulumi on PATH", () => {
  it("uses the language hosts beside it", async () => {
    const bin = dir("pulumi/bin");
    fakeVersionReporter(path.join(bin, "pulumi"), "3.300.0");
    fakeHosts(bin);
    process.env.PATH = bin;

    const { cli, languageHost, languageHosts, searchPath } = await ensure();

    expect(cli).toMatchObject({ binary: path.join(bin, "pulumi"), dir: bin, version: "3.300.0" });
    expect(languageHost).toBe(path.join(bin, "pulumi-language-nodejs"));
    expect(languageHosts).toEqual({
      nodejs: path.join(bin, "pulumi-language-nodejs"),
      yaml: path.join(bin, "pulumi-language-yaml"),
      python: path.join(bin, "pulumi-language-python"),
      go: path.join(bin, "pulumi-language-go"),
      dotnet: path.join(bin, "pulumi-language-dotnet"),
    });
    expect(searchPath.slice(0, 2)).toEqual([bin, DYNAMIC_PLUGIN_DIR]);
    expect(builtModules()).toEqual([]);
  });

  it("uses the language host beside the executable a symlinked pulumi points to", async () => {
    const real = dir("pulumi/bin");
    const linked = dir("links");
    fakeVersionReporter(path.join(real, "pulumi"), "3.300.0");
    fakeHosts(real);
    fs.symlinkSync(path.join(real, "pulumi"), path.join(linked, "pulumi"));
    process.env.PATH = linked;

    const { cli, languageHost, searchPath } = await ensure();

    expect(cli.binary).toBe(path.join(linked, "pulumi"));
    expect(languageHost).toBe(path.join(real, "pulumi-language-nodejs"));
    expect(searchPath.slice(0, 3)).toEqual([linked, real, DYNAMIC_PLUGIN_DIR]);
  });

  it("uses language hosts found elsewhere on PATH", async () => {
    const pulumiBin = dir("pulumi/bin");
    const hostBin = dir("host/bin");
    fakeVersionReporter(path.join(pulumiBin, "pulumi"), "3.300.0");
    fakeHosts(hostBin);
    process.env.PATH = [pulumiBin, hostBin].join(":");

    const { languageHost, searchPath } = await ensure();

    expect(languageHost).toBe(path.join(hostBin, "pulumi-language-nodejs"));
    expect(searchPath.slice(0, 3)).toEqual([pulumiBin, hostBin, DYNAMIC_PLUGIN_DIR]);
    expect(builtModules()).toEqual([]);
  });

  it("builds the language hosts into the cache when there are none", async () => {
    const pulumiBin = dir("pulumi/bin");
    const tools = dir("tools");
    fakeVersionReporter(path.join(pulumiBin, "pulumi"), "3.300.0");
    fakeGo(tools);
    process.env.PATH = [pulumiBin, tools].join(":");

    const { cli, languageHost, languageHosts, searchPath } = await ensure();

    expect(cli.binary).toBe(path.join(pulumiBin, "pulumi"));
    expect(languageHost).toMatch(
      new RegExp(`^${cache}/pulumi-cli-v\\d+\\.\\d+\\.\\d+/bin/pulumi-language-nodejs$`),
    );
    const cacheBin = path.dirname(languageHost!);
    expect(Object.values(languageHosts)).toEqual(HOSTS.map((host) => path.join(cacheBin, host)));
    expect(searchPath.slice(0, 3)).toEqual([pulumiBin, cacheBin, DYNAMIC_PLUGIN_DIR]);
    expect(builtModules()).toEqual(HOST_MODULE_DIRS);
    for (const language of ["Node.js", "YAML", "Python", "Go", ".NET"]) {
      expect(logged.some((line) => line.startsWith(`Building Pulumi's ${language} language host`))).toBe(
        true,
      );
    }
  });

  it("builds only the language hosts it lacks", async () => {
    const pulumiBin = dir("pulumi/bin");
    const tools = dir("tools");
    fakeVersionReporter(path.join(pulumiBin, "pulumi"), "3.300.0");
    fakeHosts(pulumiBin, ["pulumi-language-nodejs", "pulumi-language-yaml"]);
    fakeGo(tools);
    process.env.PATH = [pulumiBin, tools].join(":");

    const { languageHosts, searchPath } = await ensure();

    expect(languageHosts.nodejs).toBe(path.join(pulumiBin, "pulumi-language-nodejs"));
    expect(languageHosts.yaml).toBe(path.join(pulumiBin, "pulumi-language-yaml"));
    const cacheBin = path.dirname(languageHosts.python!);
    expect(languageHosts.go).toBe(path.join(cacheBin, "pulumi-language-go"));
    expect(searchPath.slice(0, 3)).toEqual([pulumiBin, cacheBin, DYNAMIC_PLUGIN_DIR]);
    expect(builtModules()).toEqual(HOST_MODULE_DIRS.slice(2));
  });
});

describe("ensurePulumiCli without a usable pulumi on PATH", () => {
  function pathWithOldPulumiAndGo(): void {
    const old = dir("old/bin");
    const tools = dir("tools");
    fakeVersionReporter(path.join(old, "pulumi"), "3.100.0");
    fakeGo(tools);
    process.env.PATH = [old, tools].join(":");
  }

  it("builds the CLI and its language hosts side by side into the cache", async () => {
    pathWithOldPulumiAndGo();

    const { cli, languageHost, languageHosts, searchPath } = await ensure();

    expect(cli.binary).toBe(path.join(cache, `pulumi-cli-v${cli.version}`, "bin", "pulumi"));
    expect(languageHost).toBe(path.join(cli.dir, "pulumi-language-nodejs"));
    expect(Object.values(languageHosts)).toEqual(HOSTS.map((host) => path.join(cli.dir, host)));
    expect(fs.existsSync(path.join(cli.dir, "pulumi-resource-pulumi-nodejs"))).toBe(true);
    for (const companion of ["pulumi-language-python-exec", "pulumi-resource-pulumi-python"]) {
      expect(fs.statSync(path.join(cli.dir, companion)).mode & 0o777).toBe(0o755);
    }
    expect(searchPath.slice(0, 2)).toEqual([cli.dir, DYNAMIC_PLUGIN_DIR]);
    expect(builtModules()).toEqual([CLI_MODULE_DIR, ...HOST_MODULE_DIRS]);
    expect(logged[0]).toMatch(/^Ignoring .*old\/bin\/pulumi: it reports 3\.100\.0/);
  });

  it("rebuilds only a missing language host", async () => {
    pathWithOldPulumiAndGo();
    const { cli } = await ensure();
    fs.rmSync(path.join(cli.dir, "pulumi-language-nodejs"));

    const again = await ensure();

    expect(again.languageHost).toBe(path.join(cli.dir, "pulumi-language-nodejs"));
    expect(builtModules()).toEqual([CLI_MODULE_DIR, ...HOST_MODULE_DIRS, LANGUAGE_HOST_MODULE_DIR]);
  });

  it("rebuilds a language host built from other sources, though it reports the same version", async () => {
    pathWithOldPulumiAndGo();
    const { cli } = await ensure();
    // What a host built before its source in the repo changed looks like: the key recorded beside it differs.
    fs.writeFileSync(
      path.join(cli.dir, ".pulumi-language-nodejs.key"),
      `v${cli.version} an-older-source-hash`,
    );
    // A host cached before keys were recorded has none.
    fs.rmSync(path.join(cli.dir, ".pulumi-language-go.key"));
    // The Python host is incomplete without the script it runs programs with.
    fs.rmSync(path.join(cli.dir, "pulumi-language-python-exec"));

    await ensure();

    expect(builtModules()).toEqual([
      CLI_MODULE_DIR,
      ...HOST_MODULE_DIRS,
      ...["nodejs", "python", "go"].map((runtime) =>
        path.join(REPO_ROOT, "tools", `pulumi-language-${runtime}`),
      ),
    ]);
    expect(fs.existsSync(path.join(cli.dir, "pulumi-language-python-exec"))).toBe(true);
  });

  it("builds nothing when everything in the cache is current", async () => {
    pathWithOldPulumiAndGo();
    await ensure();

    await ensure();

    expect(builtModules()).toEqual([CLI_MODULE_DIR, ...HOST_MODULE_DIRS]);
  });

  it("builds once while other processes wait on the lock", async () => {
    pathWithOldPulumiAndGo();
    const twoProcesses = [await freshModule(), await freshModule()];

    const results = await Promise.all(twoProcesses.map(ensure));

    expect(results[0].cli.binary).toBe(results[1].cli.binary);
    expect(builtModules()).toEqual([CLI_MODULE_DIR, ...HOST_MODULE_DIRS]);
    expect(logged.some((line) => line.startsWith("Waiting for another process"))).toBe(true);
  });

  it("says how to get Go when it has to build and cannot", async () => {
    process.env.PATH = dir("empty");

    await expect(ensure()).rejects.toThrow(/`go` is not on PATH/);
  });
});
