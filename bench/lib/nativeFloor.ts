/**
 * The native floor of the `plugin` figure: bench/nativeFloor, a do-nothing provider built with Pulumi's Go SDK
 * (`provider.Main`), built once per machine into the cache beside the Pulumi CLI, keyed by a hash of its sources.
 */
import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { cacheRoot, type Log, withCacheLock } from "../../scripts/lib/cache";

const execFileAsync = promisify(execFile);

const SOURCE_DIR = path.join(__dirname, "..", "nativeFloor");
const SOURCES = ["go.mod", "go.sum", "main.go"];

export const NATIVE_FLOOR_PLUGIN = "nativefloor";
export const NATIVE_FLOOR_TYPE = "nativefloor:index:Resource";
const NATIVE_FLOOR_EXECUTABLE = `pulumi-resource-${NATIVE_FLOOR_PLUGIN}`;

/** The directory holding `pulumi-resource-nativefloor`, built on first use (a minute on 2 idle cores). */
export async function ensureNativeFloor(log: Log): Promise<string> {
  const dir = path.join(cacheRoot(), `native-floor-${sourceHash()}`);
  const executable = path.join(dir, NATIVE_FLOOR_EXECUTABLE);
  if (fs.existsSync(executable)) return dir;
  await withCacheLock(dir, "building the bench's native floor provider", log, async () => {
    if (fs.existsSync(executable)) return;
    log(`Building the native floor provider into ${dir} (first run only; about a minute)…`);
    fs.mkdirSync(dir, { recursive: true });
    const partial = `${executable}.${process.pid}.tmp`;
    await execFileAsync("go", ["build", "-trimpath", "-ldflags", "-s -w", "-o", partial, "."], {
      cwd: SOURCE_DIR,
      maxBuffer: 16 * 1024 * 1024,
    });
    fs.renameSync(partial, executable);
  });
  return dir;
}

function sourceHash(): string {
  const hash = createHash("sha256");
  for (const file of SOURCES) hash.update(`${file}\0`).update(fs.readFileSync(path.join(SOURCE_DIR, file)));
  return hash.digest("hex").slice(0, 12);
}
