/**
 * A release installed the way users install any Pulumi provider, against a local download server standing for the
 * release's assets: each project with a fresh PULUMI_HOME, and for Python, Go and YAML no Node.js on PATH.
 * Python installs the built wheel and `pulumi up` downloads the plugin by itself; YAML takes it by `pulumi plugin
 * install --server` beside an ES2022 `tsconfig.json`; Go builds against the release's module; TypeScript installs
 * the SDK's npm tarball. A stack made with one version previews with no change and no API call under the next.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import semver from "semver";
import { packageSchema } from "../../provider/plugin/schema";
import { ensurePulumiCli, REPO_ROOT } from "../../scripts/lib/pulumiCli";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import { inspectExecutable } from "../../scripts/lib/release/executableInspection";
import { executableName, platformBuilds, RELEASE_PLATFORMS } from "../../scripts/lib/release/platforms";
import { archiveName, buildRelease } from "../../scripts/lib/release/release";
import { createUserProject, type UserProject } from "../../scripts/lib/userProject";
import { testApiKey } from "../support/emulator";
import { templates } from "./harness";
import { usePluginProjects } from "./harness/emulatorProjects";
import { serveReleases, type ReleaseServer } from "./harness/releaseServer";
import { pathWithoutNode } from "./harness/withoutNode";

const execFileAsync = promisify(execFile);
const step = 900_000;
const wandbKey = "wandb-key-released-plugin-never-in-state-5";
const emulator = usePluginProjects({ trainingMs: 600 }, step);

const versionA = checkoutRelease().version;
const versionB = semver.inc(versionA, "patch")!;
let root: string;
let releases: ReleaseServer;
let noNodePath: string;
const releaseDir = (version: string) => path.join(root, "releases", version);
const serverOf = (version: string) => `${releases.url}/${version}`;
const downloads = (version: string) =>
  releases.requested.filter((request) => request === `/${version}/${archiveName(version, "linux-amd64")}`);

beforeAll(async () => {
  const cli = await ensurePulumiCli();
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-release-install-"));
  releases = await serveReleases(path.join(root, "releases"));
  noNodePath = pathWithoutNode(cli.env.PATH ?? "", path.join(root, "no-node"));
  const log = () => undefined;
  await buildRelease({
    release: checkoutRelease({ server: serverOf(versionA) }),
    platforms: [...RELEASE_PLATFORMS],
    outDir: releaseDir(versionA),
    log,
  });
  // The next version through the command a release workflow runs.
  await releaseCommand([
    ...["--version", versionB, "--server", serverOf(versionB)],
    ...["--platforms", "linux-amd64", "--out", releaseDir(versionB)],
  ]);
}, 2 * step);
afterAll(async () => {
  await releases?.close();
  if (root) fs.rmSync(root, { recursive: true, force: true });
}, step);
beforeEach(() => releases.requested.splice(0));

/** `npm run release -- <args>` in this checkout; resolves to what it printed, or rejects with that. */
async function releaseCommand(args: string[]): Promise<string> {
  const { stdout } = await execFileAsync("npm", ["run", "-s", "release", "--", ...args], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  return stdout;
}

/** A copy of an example with a PULUMI_HOME of its own, from which plugins are downloaded as a user's would be. */
async function releaseProject(
  example: string,
  options: { files?: Record<string, string>; withNode: boolean },
): Promise<UserProject> {
  const env = {
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "false",
    ...(options.withNode ? {} : { PATH: noNodePath }),
  };
  const project = await createUserProject({
    template: templates.example(example),
    purpose: `release-${example}`,
    installPackage: false,
    files: options.files,
    env,
  });
  return emulator.track(project);
}

async function configure(project: UserProject): Promise<void> {
  await project.selectStack("dev");
  await project.setConfig("cohereBaseUrl", emulator.url);
  await project.setConfig("cohereApiKey", testApiKey, { secret: true });
  await project.setConfig("wandbApiKey", wandbKey, { secret: true });
}

/** up, a no-change preview without an API call, and refresh: what every language's release must do. */
async function upAndSettle(project: UserProject): Promise<void> {
  expect((await project.up()).changes).toEqual({ create: 5 });
  const models = await emulator.admin.models();
  expect(models.map((model) => model.status)).toEqual(["STATUS_READY", "STATUS_READY"]);
  await emulator.admin.clearRequests();
  expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 5 });
  expect(await emulator.admin.requests()).toHaveLength(0);
  expect((await project.refresh()).changes).toEqual({ same: 5 });
}

/** What each language's project does with the release: up and settle, the plugin downloaded once, no key kept. */
async function upWithTheRelease(project: UserProject): Promise<void> {
  await configure(project);
  await upAndSettle(project);
  expect(downloads(versionA)).toHaveLength(1);
  await expectNoKeys(project);
}

async function expectNoKeys(project: UserProject): Promise<void> {
  const state = await project.exportState();
  for (const key of [testApiKey, wandbKey]) {
    expect(state).not.toContain(key);
    expect(project.output()).not.toContain(key);
  }
}

/** The example's `Pulumi.yaml` without its `plugins:` entry, which points at a plugin built in a clone. */
function manifestWithoutPluginPath(example: string): string {
  const manifest = fs.readFileSync(path.join(templates.example(example), "Pulumi.yaml"), "utf8");
  return manifest.replace(/^(?:#.*\n)*plugins:\n(?:[ #].*\n)*/m, "");
}

describe("a release of the cohere provider", () => {
  it("holds an archive per platform, the schema, the SDK packages and their sha256 checksums", async () => {
    const dir = releaseDir(versionA);
    const names = fs.readdirSync(dir).sort();
    expect(names).toEqual(
      [
        ...RELEASE_PLATFORMS.map((platform) => archiveName(versionA, platform)),
        "checksums.txt",
        "dotnet",
        "go",
        "nodejs",
        "python",
        "schema.json",
      ].sort(),
    );
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "schema.json"), "utf8"));
    expect(schema).toEqual(packageSchema(checkoutRelease({ server: serverOf(versionA) })));
    expect(schema.pluginDownloadURL).toBe(serverOf(versionA));

    const { stdout } = await execFileAsync("sha256sum", ["--check", "--strict", "checksums.txt"], {
      cwd: dir,
    });
    const checked = stdout.trim().split("\n");
    expect(checked.every((line) => line.endsWith(": OK"))).toBe(true);
    expect(checked).toEqual(expect.arrayContaining([`${archiveName(versionA, "darwin-arm64")}: OK`]));
    expect(checked.some((line) => line.startsWith("python/") && line.includes(".whl"))).toBe(true);
  });

  it("npm run release refuses a version that is not semver, an unknown platform and a used directory", async () => {
    const out = path.join(root, "refused");
    const failure = (args: string[]) =>
      releaseCommand(args).then(
        () => "",
        (error: { stderr: string }) => error.stderr,
      );
    expect(await failure(["--version", "1.2", "--out", out])).toContain(
      "--version 1.2 is not a semantic version",
    );
    expect(await failure(["--platforms", "linux-386", "--out", out])).toContain(
      "--platforms: unknown platform linux-386",
    );
    expect(await failure(["--out", releaseDir(versionB)])).toContain("is not empty");
    expect(fs.existsSync(out)).toBe(false);
  });

  it("the next version, through npm run release: its archive, schema and SDKs say that version", () => {
    const dir = releaseDir(versionB);
    expect(fs.readdirSync(dir)).toContain(archiveName(versionB, "linux-amd64"));
    const schema = JSON.parse(fs.readFileSync(path.join(dir, "schema.json"), "utf8"));
    expect([schema.version, schema.pluginDownloadURL]).toEqual([versionB, serverOf(versionB)]);
    expect(fs.readdirSync(path.join(dir, "python"))).toContain(`pulumi_cohere-${versionB}-py3-none-any.whl`);
    expect(fs.readdirSync(path.join(dir, "nodejs"))).toEqual([`pulumi-cohere-${versionB}.tgz`]);
  });

  it.each(RELEASE_PLATFORMS)(
    "%s: the archive holds the executable, README.md and LICENSE; its header and injected plugin are right",
    async (platform) => {
      const unpacked = path.join(root, "unpacked", platform);
      fs.mkdirSync(unpacked, { recursive: true });
      const archive = path.join(releaseDir(versionA), archiveName(versionA, platform));
      const listing = (await execFileAsync("tar", ["-tzf", archive])).stdout.trim().split("\n").sort();
      expect(listing).toEqual([executableName(platform), "LICENSE", "README.md"].sort());
      await execFileAsync("tar", ["-xzf", archive, "-C", unpacked]);

      const executable = path.join(unpacked, executableName(platform));
      const { executableFormat, machine } = platformBuilds[platform];
      expect(inspectExecutable(executable, Buffer.from(serverOf(versionA)))).toEqual({
        format: executableFormat,
        machine,
        seaFuseFlipped: true,
        holdsBlob: true,
      });
      expect(fs.statSync(executable).mode & 0o111).toBe(0o111);
    },
  );

  it(
    "Python without Node.js: pip install of the wheel, then pulumi up downloads the plugin once; upgrades with no change",
    async () => {
      const wheel = (version: string) => {
        const dir = path.join(releaseDir(version), "python");
        return path.join(
          dir,
          fs.readdirSync(dir).find((file) => file.endsWith(".whl"))!,
        );
      };
      const project = await releaseProject("python", {
        files: { "requirements.txt": "pulumi>=3.200.0,<4.0.0\npulumi_cohere\n" },
        withNode: false,
      });
      await project.run("python3", ["-m", "venv", "venv"]);
      const pip = path.join(project.dir, "venv", "bin", "pip");
      await project.run(pip, ["install", "--quiet", "-r", "requirements.txt", wheel(versionA)]);
      await configure(project);

      await upAndSettle(project);
      expect(downloads(versionA)).toHaveLength(1);
      const installed = path.join(project.root, "home", "plugins", `resource-cohere-v${versionA}`);
      expect(fs.readdirSync(installed)).toContain("pulumi-resource-cohere");

      await project.run(pip, ["install", "--quiet", wheel(versionB)]);
      await emulator.admin.clearRequests();
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 5 });
      expect(await emulator.admin.requests()).toHaveLength(0);
      expect(downloads(versionB)).toHaveLength(1);

      expect((await project.destroy()).changes).toEqual({ delete: 5 });
      expect(await emulator.admin.models()).toHaveLength(0);
      await expectNoKeys(project);
    },
    step,
  );

  it(
    "Pulumi YAML without Node.js: pulumi plugin install --server, then up with no plugin path, beside an ES2022 tsconfig.json",
    async () => {
      const project = await releaseProject("yaml", {
        files: {
          "Pulumi.yaml": manifestWithoutPluginPath("yaml"),
          "tsconfig.json": `${JSON.stringify({ compilerOptions: { target: "ES2022", module: "commonjs" } })}\n`,
        },
        withNode: false,
      });
      expect(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8")).not.toContain("plugins:");
      await project.pulumi([
        "plugin",
        "install",
        "resource",
        "cohere",
        versionA,
        "--server",
        serverOf(versionA),
      ]);
      expect(downloads(versionA)).toHaveLength(1);
      await upWithTheRelease(project);
    },
    step,
  );

  it(
    "Go without Node.js: the release's module by a replace, then pulumi up downloads the plugin once",
    async () => {
      const goModule = packageSchema(checkoutRelease()).language.go.importBasePath as string;
      const modulePath = goModule.replace(/\/go\/cohere$/, "");
      const goMod = fs.readFileSync(path.join(templates.example("go"), "go.mod"), "utf8");
      const project = await releaseProject("go", {
        files: {
          "go.mod": `${goMod}\nrequire ${modulePath} v${versionA}\n\nreplace ${modulePath} => ${path.join(releaseDir(versionA), "go")}\n`,
        },
        withNode: false,
      });
      await project.run("go", ["mod", "tidy"]);
      await upWithTheRelease(project);
    },
    step,
  );

  it(
    "TypeScript: the SDK's npm tarball installed, then pulumi up downloads the plugin once",
    async () => {
      const nodejsDir = path.join(releaseDir(versionA), "nodejs");
      const tarball = path.join(
        nodejsDir,
        fs.readdirSync(nodejsDir).find((file) => file.endsWith(".tgz"))!,
      );
      const project = await releaseProject("typescript-sdk", { withNode: true });
      await project.run("npm", ["install", "--no-audit", "--no-fund", tarball]);
      await upWithTheRelease(project);
    },
    step,
  );
});
