/**
 * The standalone `pulumi-resource-cohere`: a Node.js single executable application (SEA), i.e. the official
 * Node.js build of the target platform with the bundled plugin injected, so users need no Node.js, npm, ts-node or
 * language host, and no `tsconfig.json` of theirs is ever read. Node.js requires the blob to be made by the very
 * release it is injected into, so every platform uses `NODE_VERSIONS[22]`, run here (Linux x64) to make the blob.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { unsign } from "macho-unsign";
import { signatureSet } from "portable-executable-signature";
import { inject } from "postject";
import type { PluginRelease } from "../../../provider/plugin/release";
import { ensureNode, ensureNodePackage, NODE_VERSIONS } from "../nodeVersions";
import { bundlePlugin } from "./pluginBundle";
import { executableName, hostPlatform, type Platform, platformBuilds } from "./platforms";

const execFileAsync = promisify(execFile);

/** The fuse Node.js checks at start to know a blob was injected; postject flips its last character to 1. */
export const SEA_FUSE = "NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2";

export interface ExecutableBuild {
  release: PluginRelease;
  platform: Platform;
  outDir: string;
  log?: (message: string) => void;
}

/** Writes `outDir/pulumi-resource-cohere` (`.exe` for Windows) and resolves to its path. */
export async function buildPluginExecutable(build: ExecutableBuild): Promise<string> {
  const blob = await seaBlob(await bundlePlugin(build.release), build.platform === hostPlatform());
  return injectBlob(blob, build);
}

/**
 * The blob Node.js reads at start. With `codeCache`, it also holds V8's compiled code of the bundle, which saves
 * compiling it at every start but loads only on the platform that made it.
 */
export async function seaBlob(bundle: string, codeCache: boolean): Promise<Buffer> {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-sea-"));
  try {
    fs.writeFileSync(path.join(work, "plugin.js"), bundle);
    const config = {
      main: "plugin.js",
      output: "plugin.blob",
      disableExperimentalSEAWarning: true,
      useCodeCache: codeCache,
    };
    fs.writeFileSync(path.join(work, "sea-config.json"), JSON.stringify(config));
    const node = path.join(await ensureNode(22), "node");
    await execFileAsync(node, ["--experimental-sea-config", "sea-config.json"], { cwd: work });
    return fs.readFileSync(path.join(work, "plugin.blob"));
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** A copy of the platform's Node.js, unsigned (its signature no longer holds once it changes), with `blob` in it. */
export async function injectBlob(
  blob: Buffer,
  { platform, outDir, log }: Omit<ExecutableBuild, "release">,
): Promise<string> {
  const { nodePackage, nodeBinary, executableFormat } = platformBuilds[platform];
  const nodeDir = await ensureNodePackage(nodePackage, NODE_VERSIONS[22]);
  const executable = path.join(outDir, executableName(platform));
  fs.mkdirSync(outDir, { recursive: true });
  fs.writeFileSync(executable, unsigned(fs.readFileSync(path.join(nodeDir, nodeBinary)), executableFormat));
  log?.(`Injecting the plugin into Node.js ${NODE_VERSIONS[22]} for ${platform}…`);
  await quietly(() =>
    inject(executable, "NODE_SEA_BLOB", blob, {
      sentinelFuse: SEA_FUSE,
      ...(executableFormat === "Mach-O" && { machoSegmentName: "NODE_SEA" }),
      overwrite: true,
    }),
  );
  fs.chmodSync(executable, 0o755);
  return executable;
}

function unsigned(binary: Buffer, format: string): Buffer {
  if (format === "Mach-O") {
    const stripped = unsign(binary);
    return stripped ? Buffer.from(stripped) : binary;
  }
  if (format === "PE") return Buffer.from(signatureSet(binary, null));
  return binary;
}

/** postject's ELF library warns (`console.warn`) of each unnamed note section of Node.js's binary: noise to a reader. */
async function quietly<T>(task: () => Promise<T>): Promise<T> {
  const warn = console.warn;
  console.warn = () => undefined;
  try {
    return await task();
  } finally {
    console.warn = warn;
  }
}
