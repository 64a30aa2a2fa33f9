/**
 * The SDK packages of a release: `pulumi package gen-sdk` writes each language's SDK from the package schema, and
 * each is then built into what that language publishes. The schema carries the version and the plugin's server
 * (`respectSchemaVersion`), so every package names both; the builds check that they do.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { cacheRoot, withCacheLock, type Log } from "../cache";
import { releaseFiles } from "./releaseFiles";
import {
  ensurePulumiCli,
  readGoMod,
  REPO_ROOT,
  requiredVersion,
  SDK_MODULE,
  type PulumiCli,
} from "../pulumiCli";

export interface SdkBuild {
  schemaFile: string;
  outDir: string;
  log: Log;
}

/** What `python -m build` runs with, kept in a venv in the cache: setuptools builds the generated setup.py. */
const PYTHON_BUILD_TOOLS = ["build==1.6.1", "setuptools==84.2.1"];

const DOTNET_HOST_MODULE = "github.com/pulumi/pulumi-dotnet/pulumi-language-dotnet/v3";
const DOTNET_HOST_DIR = path.join(REPO_ROOT, "tools", "pulumi-language-dotnet");

const execFileAsync = promisify(execFile);

interface ReleaseSchema {
  name: string;
  version: string;
  pluginDownloadURL: string;
  language: { python: { packageName: string }; go: { importBasePath: string } };
}

interface Release {
  schemaFile: string;
  schema: ReleaseSchema;
  cli: PulumiCli;
  /** A temporary directory, gen-sdk's output. */
  work: string;
  log: Log;
}

/** Each language's build: gen-sdk's output made into the release's files in `out`. */
const LANGUAGES = {
  python: buildPython,
  nodejs: buildNodejs,
  go: buildGo,
  dotnet: buildDotnet,
};

/**
 * Writes outDir/python (wheel + sdist of pulumi_cohere), outDir/nodejs (the Node.js SDK's npm tarball), outDir/go
 * (the Go module: go.mod, go.sum, go/cohere/…), outDir/dotnet (the C# sources and .csproj). Resolves to the files
 * written, relative to outDir.
 */
export async function buildSdks({ schemaFile, outDir, log }: SdkBuild): Promise<string[]> {
  const cli = await ensurePulumiCli({ log });
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-sdks-"));
  const release: Release = {
    schemaFile: path.resolve(schemaFile),
    schema: JSON.parse(fs.readFileSync(schemaFile, "utf8")),
    cli,
    work,
    log,
  };
  try {
    // At once: Node.js's npm install mostly waits on the network while Go compiles and Python builds. Settled, so
    // that nothing still runs in `work` when it is removed.
    const builds = await Promise.allSettled(
      Object.entries(LANGUAGES).map(async ([language, build]) => {
        const started = Date.now();
        const out = path.join(outDir, language);
        fs.rmSync(out, { recursive: true, force: true });
        fs.mkdirSync(out, { recursive: true });
        await build(out, release);
        log(`SDK ${language}: written to ${out} in ${seconds(started)}s.`);
      }),
    );
    const failed = builds.find((result) => result.status === "rejected");
    if (failed) throw failed.reason;
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return Object.keys(LANGUAGES).flatMap((language) => releaseFiles(outDir, language));
}

/** Runs gen-sdk; resolves to the directory it wrote the SDK to. */
async function genSdk(language: string, release: Release, schemaFile = release.schemaFile): Promise<string> {
  const args = ["package", "gen-sdk", schemaFile, "--language", language, "--out", release.work];
  await run(release.cli.binary, args, release.work, release);
  return path.join(release.work, language);
}

async function buildPython(out: string, release: Release): Promise<void> {
  const generated = await genSdk("python", release);
  // setup.py reads its long description from a README.md beside it; gen-sdk writes the package's one level down.
  const readme = path.join(generated, release.schema.language.python.packageName, "README.md");
  fs.copyFileSync(readme, path.join(generated, "README.md"));
  const python = path.join(await pythonBuildVenv(release.log), "bin", "python");
  // Without isolation: the venv's pinned setuptools builds, instead of whatever PyPI serves at each release.
  await run(python, ["-m", "build", "--no-isolation", "--outdir", out, generated], generated, release);
  const wheel = fs.readdirSync(out).find((file) => file.endsWith(".whl"));
  const script = [
    "import json, sys, zipfile",
    "wheel = zipfile.ZipFile(sys.argv[1])",
    "read = lambda suffix: next(wheel.read(n).decode() for n in wheel.namelist() if n.endswith(suffix))",
    'version = next(l[9:] for l in read(".dist-info/METADATA").splitlines() if l.startswith("Version: "))',
    'print(json.dumps({"version": version, "server": json.loads(read("/pulumi-plugin.json"))["server"]}))',
  ].join("\n");
  const { stdout } = await run(python, ["-c", script, path.join(out, String(wheel))], out, release);
  expectRelease(`the wheel ${wheel}`, JSON.parse(stdout), release.schema);
}

/** A venv holding PYTHON_BUILD_TOOLS, made once per machine; resolves to its directory. */
async function pythonBuildVenv(log: Log): Promise<string> {
  const venv = path.join(cacheRoot(), `python-build-${PYTHON_BUILD_TOOLS.join("-")}`);
  const complete = path.join(venv, ".complete");
  if (fs.existsSync(complete)) return venv;
  await withCacheLock(venv, "making the Python build venv", log, async () => {
    if (fs.existsSync(complete)) return;
    log(`Making a venv with ${PYTHON_BUILD_TOOLS.join(" ")} in ${venv} (first run only)…`);
    fs.rmSync(venv, { recursive: true, force: true });
    await execFileAsync("python3", ["-m", "venv", venv]);
    await execFileAsync(path.join(venv, "bin", "python"), [
      "-m",
      "pip",
      "install",
      "--quiet",
      "--disable-pip-version-check",
      ...PYTHON_BUILD_TOOLS,
    ]);
    fs.writeFileSync(complete, "");
  });
  return venv;
}

/**
 * Built and packed as Pulumi's providers publish theirs: compiled into `bin/`, then `bin/` packed with the
 * package.json (whose default `main`, index.js, is then the compiled entry) and README.
 */
async function buildNodejs(out: string, release: Release): Promise<void> {
  const generated = await genSdk("nodejs", release);
  await run(
    "npm",
    ["install", "--prefer-offline", "--no-audit", "--no-fund", "--no-package-lock"],
    generated,
    release,
  );
  await run("npm", ["run", "build"], generated, release);
  const bin = path.join(generated, "bin");
  for (const file of ["package.json", "README.md"])
    fs.copyFileSync(path.join(generated, file), path.join(bin, file));
  const packageJson = JSON.parse(fs.readFileSync(path.join(bin, "package.json"), "utf8"));
  expectRelease(
    `${packageJson.name}'s package.json`,
    { ...packageJson, ...packageJson.pulumi },
    release.schema,
  );
  await run("npm", ["pack", "--pack-destination", out], bin, release);
}

/** A module whose root holds `go/<package>`, the layout the schema's importBasePath names. */
async function buildGo(out: string, release: Release): Promise<void> {
  const { importBasePath } = release.schema.language.go;
  const packageDir = `go/${release.schema.name}`;
  if (!importBasePath.endsWith(`/${packageDir}`)) {
    throw new Error(`The schema's Go importBasePath ${importBasePath} must end with /${packageDir}`);
  }
  fs.cpSync(await genSdk("go", release), path.join(out, "go"), { recursive: true });
  // The Go language host's module pins the Pulumi SDK the CLI runs programs with, and the Go it needs.
  const pinned = readGoMod(path.join(REPO_ROOT, "tools", "pulumi-language-go"));
  const goMod = [
    `module ${importBasePath.slice(0, -packageDir.length - 1)}`,
    `go ${pinned.goVersion}`,
    `require ${SDK_MODULE} v${requiredVersion(pinned, SDK_MODULE)}`,
  ];
  fs.writeFileSync(path.join(out, "go.mod"), `${goMod.join("\n\n")}\n`);
  await run("go", ["mod", "tidy"], out, release);
  // -trimpath, as the CLI's build: that build's compiled Pulumi SDK packages are then in Go's cache for this one.
  await run("go", ["build", "-trimpath", "./..."], out, release);
  const plugin = JSON.parse(fs.readFileSync(path.join(out, packageDir, "pulumi-plugin.json"), "utf8"));
  expectRelease(`the Go module's pulumi-plugin.json`, plugin, release.schema);
}

/**
 * Sources only: packing them (`dotnet pack`) needs the .NET SDK, which is not here. The C# generator downloads the
 * package's logo (the schema's `logoUrl`, else Pulumi's, from GitHub) into the package; Pulumi's logo is also in
 * the pinned .NET host module's test data, so a server on 127.0.0.1 hands it over and the build needs no network.
 */
async function buildDotnet(out: string, release: Release): Promise<void> {
  const { stdout } = await run(
    "go",
    ["list", "-m", "-f", "{{.Dir}}", DOTNET_HOST_MODULE],
    DOTNET_HOST_DIR,
    release,
  );
  const logo = fs.readFileSync(
    path.join(stdout.trim(), "codegen", "testdata", "simple-resource-schema", "logo.png"),
  );
  const server = http.createServer((_request, response) => response.end(logo));
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const schemaFile = path.join(release.work, "dotnet-schema.json");
    fs.writeFileSync(
      schemaFile,
      JSON.stringify({ ...release.schema, logoUrl: `http://127.0.0.1:${port}/logo.png` }),
    );
    fs.cpSync(await genSdk("dotnet", release, schemaFile), out, { recursive: true });
  } finally {
    server.close();
  }
  const csproj = fs.readdirSync(out).find((file) => file.endsWith(".csproj"));
  const version = /<Version>(.*)<\/Version>/.exec(
    fs.readFileSync(path.join(out, String(csproj)), "utf8"),
  )?.[1];
  const plugin = JSON.parse(fs.readFileSync(path.join(out, "pulumi-plugin.json"), "utf8"));
  expectRelease(`the C# package ${csproj}`, { ...plugin, version }, release.schema);
}

function expectRelease(
  what: string,
  found: { version?: string; server?: string },
  schema: ReleaseSchema,
): void {
  const expected = { version: schema.version, server: schema.pluginDownloadURL };
  const actual = { version: found.version, server: found.server };
  if (JSON.stringify(actual) !== JSON.stringify(expected)) {
    throw new Error(`${what} says ${JSON.stringify(actual)}, expected ${JSON.stringify(expected)}`);
  }
}

async function run(
  command: string,
  args: string[],
  cwd: string,
  release: Release,
): Promise<{ stdout: string; stderr: string }> {
  return execFileAsync(command, args, {
    cwd,
    env: { ...process.env, ...release.cli.env },
    maxBuffer: 64 * 1024 * 1024,
  });
}

function seconds(since: number): number {
  return Math.round((Date.now() - since) / 100) / 10;
}
