import { createReadStream, createWriteStream } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Transform, Writable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { FastifyRequest } from "fastify";
import type { UploadedFile } from "../backend/datasetValidation";
import { invalidRequest } from "../backend/errors";

/** Cohere's limit for a dataset (1.5 GB), applied to its files together. */
const MAX_DATASET_BYTES = 1_500_000_000;
/** Room for the multipart boundaries and part headers around the files. */
const MULTIPART_FRAMING_BYTES = 64 * 1024;

const UPLOAD_FIELDS = new Set(["data", "eval_data"]);

export type UploadedFiles = Partial<Record<"data" | "eval_data", UploadedFile>>;

/**
 * Whether busboy should stream a part as a file. Some SDK inputs (a bare Buffer) arrive without a
 * filename, which would make them in-memory fields; the upload fields are streamed regardless.
 */
export function isUploadPart(
  fieldName: string | undefined,
  contentType: string | undefined,
  fileName: string | undefined,
): boolean {
  return (
    UPLOAD_FIELDS.has(fieldName ?? "") || fileName !== undefined || contentType === "application/octet-stream"
  );
}

/**
 * Streams the `data` and `eval_data` parts of a multipart upload into temporary files, counting
 * bytes against Cohere's limit as they arrive, so no file is ever held in memory; `use` then reads
 * them, and they are removed afterwards.
 */
export async function withUploads<T>(
  request: FastifyRequest,
  use: (files: UploadedFiles) => Promise<T>,
): Promise<T> {
  if (!request.isMultipart()) throw invalidRequest("request must be multipart/form-data with a data file");
  try {
    if (Number(request.headers["content-length"] ?? 0) > MAX_DATASET_BYTES + MULTIPART_FRAMING_BYTES) {
      throw tooLarge();
    }
    const directory = await mkdtemp(join(tmpdir(), "cohere-emulator-upload-"));
    try {
      return await use(await receive(request, directory));
    } finally {
      await rm(directory, { recursive: true, force: true });
    }
  } finally {
    // A refused upload may be unread still: discarding the rest, rather than leaving it to block
    // the socket, lets the client read the answer and keeps the connection usable.
    request.raw.resume();
  }
}

async function receive(request: FastifyRequest, directory: string): Promise<UploadedFiles> {
  const files: UploadedFiles = {};
  const received = { bytes: 0 };
  let stored = 0;
  try {
    for await (const part of request.parts()) {
      if (part.type !== "file") continue;
      if (!UPLOAD_FIELDS.has(part.fieldname)) {
        await pipeline(part.file, discard());
        continue;
      }
      const path = join(directory, `${stored++}-${part.fieldname}`);
      const before = received.bytes;
      await pipeline(part.file, counted(received), createWriteStream(path));
      files[part.fieldname as keyof UploadedFiles] = {
        filename: part.filename || part.fieldname,
        sizeBytes: received.bytes - before,
        content: () => createReadStream(path),
      };
    }
  } catch (error) {
    if (error instanceof Error && "statusCode" in error) throw error;
    throw invalidRequest(`malformed multipart body: ${(error as Error).message}`);
  }
  return files;
}

function counted(received: { bytes: number }): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      received.bytes += chunk.length;
      if (received.bytes > MAX_DATASET_BYTES) done(tooLarge());
      else done(null, chunk);
    },
  });
}

function discard(): Writable {
  return new Writable({ write: (_chunk, _encoding, done) => done() });
}

function tooLarge() {
  return invalidRequest(`a dataset may be at most 1.5 GB (${MAX_DATASET_BYTES} bytes), as on Cohere`);
}
