/** A dataset file's content hash, which decides whether it is uploaded again, and the file as an upload's body. */
import { createHash } from "node:crypto";
import { createReadStream, openAsBlob } from "node:fs";
import * as path from "node:path";
import { withoutUndefined } from "../lifecycle/plainObjects";
import { unknownValue } from "../lifecycle/rules";

/** Streams the file: hashing a 1.5 GB dataset never holds it in memory. */
export async function fileSha256(file: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path.resolve(file))) hash.update(chunk);
  return hash.digest("hex");
}

/** An unreadable file hashes to undefined, and `check` then names the file and why it cannot be read. */
export function readableFileSha256(file: string | undefined): Promise<string | undefined> {
  return file ? fileSha256(file).catch(() => undefined) : Promise.resolve(undefined);
}

/** A Blob backed by the file: the upload streams it from disk instead of reading it into memory. */
export function fileBlob(file: string): Promise<Blob> {
  return openAsBlob(path.resolve(file));
}

/**
 * The content hashes a Dataset's diff compares, taken where the program declared no class to take them (a plugin's
 * Check). A file that is unknown yet has an unknown hash; one that cannot be read has none, and Check names it.
 */
export async function withFileHashes(inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
  const hashOf = async (file: unknown) =>
    file === unknownValue ? unknownValue : readableFileSha256(typeof file === "string" ? file : undefined);
  return withoutUndefined({
    ...inputs,
    dataFileHash: await hashOf(inputs.dataFile),
    evalDataFileHash: await hashOf(inputs.evalDataFile),
  });
}
