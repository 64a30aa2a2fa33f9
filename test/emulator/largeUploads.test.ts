import type { ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import http from "node:http";
import { join } from "node:path";
import { EmulatorAdmin } from "../../emulator/index";
import { launchEmulatorProcess } from "../../scripts/lib/emulatorProcess";

const KEY = "upload-key";
const MiB = 1024 * 1024;
const LIMIT = 1_500_000_000;

/** The emulator as its own process, its temporary directory `tempDir`, to see what it leaves there. */
function launch(tempDir: string) {
  return launchEmulatorProcess(["--api-key", KEY, "--validation-ms", "0", "--quiet"], { TMPDIR: tempDir });
}

/** Peak resident memory of a process so far, from the kernel. */
function peakRssBytes(pid: number): number {
  const line = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
  if (!line) throw new Error(`no VmHWM for process ${pid}`);
  return Number(line[1]) * 1024;
}

/** A chunk of whole chat rows, about `bytes` long. */
function chatChunk(bytes: number): { chunk: Buffer; rows: number } {
  const row =
    JSON.stringify({
      messages: [
        { role: "User", content: "How do I rotate the API key of my organisation?" },
        { role: "Chatbot", content: "Open the dashboard, choose API keys, then Rotate." },
      ],
    }) + "\n";
  const rows = Math.floor(bytes / Buffer.byteLength(row));
  return { chunk: Buffer.from(row.repeat(rows)), rows };
}

interface Upload {
  url: string;
  /** Written as the `data` file, each chunk once the previous one is flushed. */
  chunks: () => Iterable<Buffer>;
  /** Declared up front; omitted means chunked transfer. */
  contentLength?: number;
}

/**
 * Streams a multipart upload without holding it in memory, and resolves with the answer as soon as
 * it arrives, even while the body is still being sent (the emulator may refuse it early).
 */
function upload({
  url,
  chunks,
  contentLength,
}: Upload): Promise<{ status: number; body: Record<string, unknown> }> {
  const boundary = "emulator-upload-boundary";
  const head = Buffer.from(
    `--${boundary}\r\nContent-Disposition: form-data; name="data"; filename="train.jsonl"\r\n` +
      `Content-Type: application/octet-stream\r\n\r\n`,
  );
  const tail = Buffer.from(`\r\n--${boundary}--\r\n`);
  const headers: Record<string, string | number> = {
    authorization: `Bearer ${KEY}`,
    "content-type": `multipart/form-data; boundary=${boundary}`,
  };
  if (contentLength !== undefined) headers["content-length"] = head.length + contentLength + tail.length;
  const target = new URL("/v1/datasets?name=big&type=chat-finetune-input", url);
  return new Promise((resolve, reject) => {
    let answered = false;
    const request = http.request(target, { method: "POST", headers, agent: false }, (response) => {
      answered = true;
      let text = "";
      response.on("data", (chunk: Buffer) => (text += chunk.toString()));
      response.on("end", () => {
        request.destroy();
        resolve({ status: response.statusCode ?? 0, body: JSON.parse(text) });
      });
    });
    request.on("error", (error) => {
      if (!answered) reject(error);
    });
    const send = async () => {
      const flushed = (chunk: Buffer) =>
        new Promise<void>((done) => (request.write(chunk) ? done() : request.once("drain", done)));
      await flushed(head);
      for (const chunk of chunks()) {
        if (answered || request.destroyed) return;
        await flushed(chunk);
      }
      request.end(tail);
    };
    send().catch(reject);
  });
}

function* repeat(chunk: Buffer, times: number): Iterable<Buffer> {
  for (let i = 0; i < times; i++) yield chunk;
}

describe("streamed dataset uploads, with the emulator in its own process", () => {
  let child: ChildProcess;
  let url: string;
  let admin: EmulatorAdmin;
  const tempDir = mkdtempSync(join(tmpdir(), "emulator-uploads-"));
  const uploadsLeft = () => readdirSync(tempDir).filter((name) => name.startsWith("cohere-emulator-upload-"));

  beforeAll(async () => {
    ({ child, url } = await launch(tempDir));
    admin = new EmulatorAdmin(url, KEY);
    // Loads and warms every code path of an upload, so the measurement sees only the upload.
    await admin.createChatDataset("warm-up", 1000);
  }, 60_000);
  afterAll(() => {
    child.kill("SIGTERM");
    rmSync(tempDir, { recursive: true, force: true });
  });

  test("a 200 MiB upload is validated while the emulator's memory grows far less than the file", async () => {
    const { chunk, rows } = chatChunk(MiB);
    const times = 200;
    const before = peakRssBytes(child.pid!);
    const answer = await upload({
      url,
      chunks: () => repeat(chunk, times),
      contentLength: chunk.length * times,
    });
    expect(answer.status).toBe(200);
    const growth = peakRssBytes(child.pid!) - before;
    expect(growth).toBeLessThan(48 * MiB);
    expect(uploadsLeft()).toEqual([]);

    const { body } = await admin.api("GET", `/v1/datasets/${answer.body.id as string}`);
    const total = rows * times;
    const held = Math.floor(total * 0.2);
    expect(body.dataset).toMatchObject({
      validation_status: "validated",
      dataset_parts: [{ name: "train.jsonl", size_bytes: chunk.length * times, num_rows: total }],
      metrics: {
        finetune_dataset_metrics: {
          total_examples: total,
          train_examples: total - held,
          eval_examples: held,
          train_size_bytes: (chunk.length / rows) * (total - held),
          trainable_token_count: expect.any(Number),
        },
      },
    });
  }, 120_000);

  test("a dataset declared larger than 1.5 GB is refused at once with a 400 naming the limit", async () => {
    // Only the part's head is sent: the answer must come before any of the file does.
    const answer = await upload({ url, chunks: () => [], contentLength: LIMIT + MiB });
    expect(answer).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("at most 1.5 GB (1500000000 bytes)") },
    });
  });

  test("a chunked upload is cut off with the same 400 once it passes 1.5 GB", async () => {
    const { chunk } = chatChunk(16 * MiB);
    const before = await admin.datasets();
    const answer = await upload({ url, chunks: () => repeat(chunk, Math.ceil(LIMIT / chunk.length) + 1) });
    expect(answer).toMatchObject({
      status: 400,
      body: { message: expect.stringContaining("at most 1.5 GB (1500000000 bytes)") },
    });
    expect(await admin.datasets()).toEqual(before);
    expect(uploadsLeft()).toEqual([]);
  }, 120_000);
});
