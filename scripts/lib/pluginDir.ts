/**
 * A ready-to-use directory of the `cohere` provider plugin: what `pulumi package add <dir>` and
 * `plugins: providers: [{name: cohere, path: <dir>}]` take. By default it holds the standalone executable
 * `pulumi-resource-cohere` for this machine (scripts/lib/release/pluginExecutable.ts). The Node.js variant, kept to
 * compare against, is run by Pulumi's Node.js language host (`PulumiPlugin.yaml`, `runtime: nodejs`) from its
 * `package.json` `main`; it holds the package as npm installs a release, with production dependencies only, and
 * writes nothing into itself when it runs.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import * as os from "node:os";
import { promisify } from "node:util";
import { packedPackage } from "./packedPackage";
import { checkoutRelease } from "./release/checkoutRelease";
import { buildPluginExecutable } from "./release/pluginExecutable";
import { hostPlatform } from "./release/platforms";

const execFileAsync = promisify(execFile);
const packageName = "pulumi-cohere-finetuning";
/** Where a process that already built the plugin (jest's global setup) leaves its directory. */
export const PLUGIN_DIR_ENV = "COHERE_PLUGIN_DIR";

let built: Promise<string> | undefined;

/** The plugin of this checkout, built once into a temp directory; resolves to that directory. */
export function builtPluginDir(): Promise<string> {
  const already = process.env[PLUGIN_DIR_ENV];
  if (already) return Promise.resolve(already);
  built ??= buildPluginExecutableDir(fs.mkdtempSync(path.join(os.tmpdir(), "cohere-plugin-"))).catch(
    (error) => {
      built = undefined;
      throw error;
    },
  );
  return built;
}

/** Writes this machine's standalone executable into `outDir` (created, or emptied) and resolves to its absolute path. */
export async function buildPluginExecutableDir(outDir: string): Promise<string> {
  const dir = path.resolve(outDir);
  const platform = hostPlatform();
  if (!platform) throw new Error(`no standalone plugin is built for ${process.platform}-${process.arch}`);
  fs.rmSync(dir, { recursive: true, force: true });
  const executable = await buildPluginExecutable({ release: checkoutRelease(), platform, outDir: dir });
  // Pulumi 3.274.1 checks a local plugin directory (`pulumi package add <dir>`, `get-schema`, `packages:`) for a
  // PulumiPlugin.yaml or an executable named `pulumi-resource-` plus the plugin's name, with the name left empty.
  fs.linkSync(executable, path.join(dir, "pulumi-resource-"));
  return dir;
}

/** Writes the Node.js plugin into `outDir` (created, or emptied of a previous plugin) and resolves to its path. */
export async function buildPluginDir(outDir: string): Promise<string> {
  const dir = path.resolve(outDir);
  const release = checkoutRelease();
  const tarball = await packedPackage();
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  fs.copyFileSync(tarball, path.join(dir, path.basename(tarball)));
  const files: Record<string, string> = {
    "PulumiPlugin.yaml": "runtime: nodejs\n",
    "package.json": `${JSON.stringify(
      {
        name: "pulumi-resource-cohere",
        version: release.version,
        private: true,
        description: "The cohere Pulumi provider plugin: Cohere fine-tuned models and datasets.",
        license: "Apache-2.0",
        main: "index.js",
        dependencies: { [packageName]: `file:./${path.basename(tarball)}` },
        cohereRelease: release,
      },
      null,
      2,
    )}\n`,
    "index.js":
      `require("${packageName}/plugin").servePlugin(require("./package.json").cohereRelease).catch((error) => {\n` +
      "  console.error(error);\n  process.exit(1);\n});\n",
  };
  for (const [file, content] of Object.entries(files)) fs.writeFileSync(path.join(dir, file), content);
  await execFileAsync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  // `pulumi package add/get-schema` and `plugin install` run `npm install` in a plugin directory, which rewrites
  // its lock files even when nothing is missing: that fails where the directory is read-only. It is complete.
  fs.writeFileSync(path.join(dir, ".npmrc"), "dry-run=true\n");
  return dir;
}
