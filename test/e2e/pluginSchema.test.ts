/**
 * The provider plugin (`npm run plugin`'s directory, holding the standalone executable) as the `pulumi` binary
 * takes it, outside any project: `pulumi package get-schema` prints exactly `packageSchema()` (what the unit tests
 * keep in step with validation), also beside an ES2022 `tsconfig.json`, `pulumi package gen-sdk` generates the
 * Python, Go and Node.js SDKs, a read-only copy still serves its schema, and a tarball of it installed by
 * `pulumi plugin install --file` serves a Pulumi YAML project that names no plugin path.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { packageSchema } from "../../provider/plugin/schema";
import { builtPluginDir } from "../../scripts/lib/pluginDir";
import { ensurePulumiCli } from "../../scripts/lib/pulumiCli";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import { startTestEmulator, testApiKey } from "../support/emulator";
import { templates, userProject, UserProject } from "./harness";

const execFileAsync = promisify(execFile);
const step = 300_000;
const release = checkoutRelease();
const { version } = release;

let root: string;
let pluginDir: string;
let pulumiBinary: string;
let env: NodeJS.ProcessEnv;
let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
const projects: UserProject[] = [];

/** `pulumi <args>` in the temp directory, with a private PULUMI_HOME; resolves to its stdout. */
async function pulumi(args: string[]): Promise<string> {
  const options = { cwd: root, env, maxBuffer: 64 * 1024 * 1024 };
  return (await execFileAsync(pulumiBinary, args, options)).stdout;
}

beforeAll(async () => {
  const [dir, cli] = await Promise.all([builtPluginDir(), ensurePulumiCli()]);
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-plugin-schema-"));
  pluginDir = dir;
  pulumiBinary = cli.binary;
  env = {
    ...process.env,
    ...cli.env,
    PULUMI_HOME: path.join(root, "home"),
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
  emulator = await startTestEmulator();
}, step);
afterAll(async () => {
  await Promise.all(projects.map((project) => project.cleanup()));
  await emulator?.close();
  if (root) {
    await execFileAsync("chmod", ["-R", "u+w", root]);
    fs.rmSync(root, { recursive: true, force: true });
  }
}, step);

describe("the cohere plugin directory through the pulumi binary", () => {
  it(
    "pulumi package get-schema prints packageSchema() of the package's version, whatever tsconfig.json is beside it",
    async () => {
      expect(JSON.parse(await pulumi(["package", "get-schema", pluginDir]))).toEqual(packageSchema(release));
      // Pulumi's ts-node would read this file and refuse ES2022 (TS6046) had the plugin needed Node.js.
      fs.writeFileSync(path.join(root, "tsconfig.json"), '{"compilerOptions": {"target": "ES2022"}}\n');
      try {
        expect(JSON.parse(await pulumi(["package", "get-schema", pluginDir]))).toEqual(
          packageSchema(release),
        );
      } finally {
        fs.rmSync(path.join(root, "tsconfig.json"));
      }
    },
    step,
  );

  it.each([
    ["python", "python/pulumi_cohere/finetuned_model.py"],
    ["go", "go/cohere/finetunedModel.go"],
    ["nodejs", "nodejs/finetunedModel.ts"],
  ])(
    "pulumi package gen-sdk --language %s writes %s",
    async (language, entry) => {
      const out = path.join(root, "sdk");
      await pulumi(["package", "gen-sdk", pluginDir, "--language", language, "--out", out]);
      expect(fs.existsSync(path.join(out, entry))).toBe(true);
    },
    step,
  );

  it(
    "serves its schema from a read-only copy, and writes nothing into it",
    async () => {
      const copy = path.join(root, "read-only-plugin");
      await execFileAsync("cp", ["-a", pluginDir, copy]);
      await execFileAsync("chmod", ["-R", "a-w", copy]);
      // Root ignores the write bits, so the files' sizes and times show whether anything was written.
      const listing = async () =>
        (await execFileAsync("find", [copy, "-printf", "%P %s %T@\n"], { maxBuffer: 64 * 1024 * 1024 }))
          .stdout;
      const before = await listing();
      expect(JSON.parse(await pulumi(["package", "get-schema", copy]))).toEqual(packageSchema(release));
      expect(await listing()).toBe(before);
    },
    step,
  );

  it(
    "installed from a tarball by pulumi plugin install, serves a YAML project that names no plugin path",
    async () => {
      const tarball = path.join(root, "cohere.tgz");
      await execFileAsync("tar", ["czf", tarball, "-C", pluginDir, "pulumi-resource-cohere"]);
      const manifest = fs
        .readFileSync(path.join(templates.example("yaml"), "Pulumi.yaml"), "utf8")
        .replace(/^plugins:\n(?:[ #].*\n)*/m, "");
      expect(manifest).not.toContain("plugins:");
      const project = await userProject({
        template: templates.example("yaml"),
        installPackage: false,
        files: { "Pulumi.yaml": manifest },
      });
      projects.push(project);

      await project.pulumi(["plugin", "install", "resource", "cohere", version, "--file", tarball]);
      const installed = path.join(project.root, "home", "plugins", `resource-cohere-v${version}`);
      expect(fs.existsSync(path.join(installed, "pulumi-resource-cohere"))).toBe(true);

      await project.selectStack("dev");
      await project.setConfig("cohereBaseUrl", emulator.url);
      await project.setConfig("cohereApiKey", testApiKey, { secret: true });
      await project.setConfig("wandbApiKey", "wandb-key-installed-plugin", { secret: true });
      expect((await project.preview()).changes).toEqual({ create: 5 });
    },
    step,
  );
});
