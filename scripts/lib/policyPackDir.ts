/**
 * A ready directory of the `cohere-policies` policy pack, what `pulumi preview --policy-pack <dir>` takes:
 * `PulumiPolicy.yaml`, policy/ bundled into one JavaScript file (the provider's enums and ranges it uses written in),
 * and `@pulumi/policy` and `@pulumi/pulumi` installed at the versions this checkout locks. JavaScript, not TypeScript:
 * Pulumi would compile TypeScript with its own TypeScript 3.8.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { build } from "esbuild";
import * as semver from "semver";
import { REPO_ROOT } from "./pulumiCli";
import { NODE_VERSIONS } from "./nodeVersions";

const execFileAsync = promisify(execFile);
const runtimeDependencies = ["@pulumi/policy", "@pulumi/pulumi"];

/** Writes the pack into `outDir` (created, or emptied) and resolves to its absolute path. */
export async function buildPolicyPackDir(outDir: string): Promise<string> {
  const dir = path.resolve(outDir);
  fs.rmSync(dir, { recursive: true, force: true });
  fs.mkdirSync(dir, { recursive: true });
  await build({
    entryPoints: [path.join(REPO_ROOT, "policy", "index.ts")],
    outfile: path.join(dir, "index.js"),
    bundle: true,
    // The pack must share @pulumi/policy's module instances: it wraps the protocol classes that module decodes.
    packages: "external",
    platform: "node",
    target: `node${NODE_VERSIONS[22]}`,
    format: "cjs",
    logLevel: "error",
  });
  const { version, license } = readPackageJson(REPO_ROOT);
  const packageJson = {
    name: "cohere-policies",
    version,
    private: true,
    description:
      "Pulumi policies for Cohere fine-tuned models and datasets (both the cohere plugin and the npm package).",
    license,
    main: "index.js",
    dependencies: Object.fromEntries(runtimeDependencies.map((name) => [name, lockedVersion(name)])),
  };
  fs.writeFileSync(path.join(dir, "package.json"), `${JSON.stringify(packageJson, null, 2)}\n`);
  fs.writeFileSync(
    path.join(dir, "PulumiPolicy.yaml"),
    `runtime: nodejs\nversion: ${version}\ndescription: ${packageJson.description}\n`,
  );
  await execFileAsync("npm", ["install", "--omit=dev", "--no-audit", "--no-fund", "--prefer-offline"], {
    cwd: dir,
    maxBuffer: 64 * 1024 * 1024,
  });
  return dir;
}

function readPackageJson(dir: string): { version: string; license: string } {
  return JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8"));
}

/** The version this checkout installed (its lock file decides), pinned exactly. */
function lockedVersion(name: string): string {
  // @pulumi/policy's own package.json spells its version with a leading "v".
  return semver.clean(readPackageJson(path.join(REPO_ROOT, "node_modules", name)).version)!;
}
