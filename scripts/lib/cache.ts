import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as lockfile from "proper-lockfile";

/**
 * A lock whose holder has not refreshed it for this long is taken over. Generous because a loaded 2-core
 * machine can hold up the holder's refresh timer; a lock left by a killed process still clears in a minute.
 */
const LOCK_STALE_MS = 60_000;
const LOCK_POLL_MS = 2_000;

export type Log = (message: string) => void;

export const logToStderr: Log = (message) => process.stderr.write(`${message}\n`);

/** Outside the repo, so every checkout on the machine shares one copy of what is built or fetched there. */
export function cacheRoot(): string {
  if (process.env.COHERE_PULUMI_CACHE) return process.env.COHERE_PULUMI_CACHE;
  const xdgCache = process.env.XDG_CACHE_HOME || path.join(os.homedir(), ".cache");
  return path.join(xdgCache, "cohere-pulumi");
}

/**
 * Runs `task` holding the lock `<dir>.lock`, shared by every process on the machine (parallel jest workers, a
 * demo next to a test run), so one builds `dir` and the others wait for it.
 */
export async function withCacheLock<T>(
  dir: string,
  purpose: string,
  log: Log,
  task: () => Promise<T>,
): Promise<T> {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  let compromised = false;
  const options: lockfile.LockOptions = {
    realpath: false,
    stale: LOCK_STALE_MS,
    // The default throws from a timer and kills the process. Losing the lock costs at worst a duplicate
    // build: builders write to temporary files and rename them into place.
    onCompromised: (error) => {
      compromised = true;
      log(`Lost the lock on ${dir} while ${purpose} (${error.message}); carrying on.`);
    },
  };
  let release: () => Promise<void>;
  try {
    release = await lockfile.lock(dir, options);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "ELOCKED") throw error;
    log(`Waiting for another process to finish ${purpose} (lock: ${dir}.lock)…`);
    const retries = { forever: true, minTimeout: LOCK_POLL_MS, maxTimeout: LOCK_POLL_MS };
    release = await lockfile.lock(dir, { ...options, retries });
  }
  try {
    return await task();
  } finally {
    if (!compromised) await release();
  }
}
