/** This checkout as npm packs it: the tarball a user installs. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "./pulumiCli";

const execFileAsync = promisify(execFile);
/** Where a process that already packed the checkout (jest's global setup) leaves the tarball's path. */
export const PACKED_TARBALL_ENV = "COHERE_PACKED_TARBALL";

let packed: Promise<string> | undefined;

/** Runs `npm pack` (which builds the package) once; resolves to the tarball's absolute path. */
export function packedPackage(): Promise<string> {
  const already = process.env[PACKED_TARBALL_ENV];
  if (already) return Promise.resolve(already);
  packed ??= pack().catch((error) => {
    packed = undefined;
    throw error;
  });
  return packed;
}

async function pack(): Promise<string> {
  const destination = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-pack-"));
  const { stdout } = await execFileAsync("npm", ["pack", "--json", "--pack-destination", destination], {
    cwd: REPO_ROOT,
    maxBuffer: 64 * 1024 * 1024,
  });
  const [{ filename }] = JSON.parse(stdout.slice(stdout.indexOf("["))) as Array<{ filename: string }>;
  return path.join(destination, filename);
}
