/**
 * A release of the `cohere` provider, as Pulumi's own providers publish theirs: a plugin archive per platform
 * (`pulumi-resource-cohere-v<version>-<os>-<arch>.tar.gz`, the standalone executable with README.md and LICENSE at
 * its root), the schema, the SDK packages generated from it, and `checksums.txt` over all of them.
 */
import { createHash } from "node:crypto";
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { PluginRelease } from "../../../provider/plugin/release";
import { packageSchema } from "../../../provider/plugin/schema";
import { REPO_ROOT } from "../pulumiCli";
import { inspectExecutable } from "./executableInspection";
import { bundlePlugin } from "./pluginBundle";
import { releaseFiles } from "./releaseFiles";
import { injectBlob, seaBlob } from "./pluginExecutable";
import { hostPlatform, type Platform, platformBuilds } from "./platforms";
import { buildSdks } from "./sdks";

const execFileAsync = promisify(execFile);

export interface ReleaseBuild {
  release: PluginRelease;
  platforms: Platform[];
  outDir: string;
  log: (message: string) => void;
}

export const archiveName = (version: string, platform: Platform) =>
  `pulumi-resource-cohere-v${version}-${platform}.tar.gz`;

/** Writes the release into `outDir`, which must be new or empty, and resolves to the files written, sorted. */
export async function buildRelease({ release, platforms, outDir, log }: ReleaseBuild): Promise<string[]> {
  if (fs.existsSync(outDir) && fs.readdirSync(outDir).length > 0) {
    throw new Error(`--out ${outDir} is not empty: a release is written into a new or empty directory`);
  }
  fs.mkdirSync(outDir, { recursive: true });
  const schemaFile = path.join(outDir, "schema.json");
  fs.writeFileSync(schemaFile, `${JSON.stringify(packageSchema(release), null, 2)}\n`);

  const bundle = await bundlePlugin(release);
  const blobs = new Map<boolean, Promise<Buffer>>();
  const blobFor = (platform: Platform) => {
    const codeCache = platform === hostPlatform();
    if (!blobs.has(codeCache)) blobs.set(codeCache, seaBlob(bundle, codeCache));
    return blobs.get(codeCache)!;
  };
  for (const platform of platforms) {
    log(`Building the plugin for ${platform}…`);
    await writeArchive(release.version, platform, await blobFor(platform), outDir);
  }
  await buildSdks({ schemaFile, outDir, log });

  const files = releaseFiles(outDir);
  fs.writeFileSync(
    path.join(outDir, "checksums.txt"),
    files.map((file) => checksumLine(outDir, file)).join(""),
  );
  return [...files, "checksums.txt"].sort();
}

async function writeArchive(
  version: string,
  platform: Platform,
  blob: Buffer,
  outDir: string,
): Promise<void> {
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), `cohere-${platform}-`));
  try {
    const executable = await injectBlob(blob, { platform, outDir: staging });
    const facts = inspectExecutable(executable, blob);
    const { executableFormat, machine } = platformBuilds[platform];
    if (
      facts.format !== executableFormat ||
      facts.machine !== machine ||
      !facts.seaFuseFlipped ||
      !facts.holdsBlob
    ) {
      throw new Error(`the ${platform} executable is not what it should be: ${JSON.stringify(facts)}`);
    }
    for (const file of ["README.md", "LICENSE"])
      fs.copyFileSync(path.join(REPO_ROOT, file), path.join(staging, file));
    const entries = [path.basename(executable), "README.md", "LICENSE"];
    // Owner and times fixed, so an archive's checksum depends on its contents alone.
    const reproducible = ["--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "--sort=name"];
    const archive = path.join(outDir, archiveName(version, platform));
    await execFileAsync("tar", ["-czf", archive, ...reproducible, "-C", staging, ...entries]);
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

/** One line of `sha256sum`'s output: the hash, two spaces, the path. */
function checksumLine(dir: string, file: string): string {
  const hash = createHash("sha256")
    .update(fs.readFileSync(path.join(dir, file)))
    .digest("hex");
  return `${hash}  ${file}\n`;
}
