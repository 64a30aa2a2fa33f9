/**
 * `npm run release -- --version <semver> [--server <pluginDownloadURL>] [--platforms linux-amd64,…] --out <dir>`:
 * writes a release of the `cohere` provider into `<dir>` (see scripts/lib/release/release.ts).
 */
import * as path from "node:path";
import { parseArgs } from "node:util";
import semver from "semver";
import { checkoutRelease } from "./lib/release/checkoutRelease";
import { parsePlatforms, RELEASE_PLATFORMS } from "./lib/release/platforms";
import { buildRelease } from "./lib/release/release";

const USAGE =
  "Usage: npm run release -- [--version <semver>] [--server <pluginDownloadURL>] " +
  `[--platforms ${RELEASE_PLATFORMS.join(",")}] --out <dir>`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      version: { type: "string" },
      server: { type: "string" },
      platforms: { type: "string", default: RELEASE_PLATFORMS.join(",") },
      out: { type: "string" },
    },
  });
  if (!values.out) throw new Error(USAGE);
  if (values.version !== undefined && !semver.valid(values.version)) {
    throw new Error(`--version ${values.version} is not a semantic version such as 1.2.3\n${USAGE}`);
  }
  const release = checkoutRelease({ version: values.version, server: values.server });
  const outDir = path.resolve(values.out);
  const started = Date.now();
  const files = await buildRelease({
    release,
    platforms: parsePlatforms(values.platforms),
    outDir,
    log: (message) => console.error(message),
  });
  console.log(`Release ${release.version} (plugin server ${release.pluginDownloadURL}) in ${outDir}:`);
  for (const file of files) console.log(`  ${file}`);
  console.error(`Built in ${Math.round((Date.now() - started) / 1000)}s.`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
