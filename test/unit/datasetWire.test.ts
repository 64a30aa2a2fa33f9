import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { fileSha256, outputsFromWire, readUploadFile, uploadRequest } from "../../provider/dataset/wire";
import type { DatasetInputs } from "../../provider/dataset/types";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-wire-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
const abcSha256 = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

const inputs: DatasetInputs = {
  name: "support-data",
  type: "chat-finetune-input",
  dataFile: "train.jsonl",
  dataFileHash: abcSha256,
  keepOriginalFile: true,
  skipMalformedInput: true,
  keepFields: ["id"],
  optionalFields: ["source"],
  textSeparator: "\n",
  csvDelimiter: ";",
  waitForValidation: true,
  resourceName: "support",
};

describe("dataset wire mapping", () => {
  it("hashes a file the same way when streaming it and when reading it for upload", async () => {
    const file = path.join(dir, "abc.jsonl");
    fs.writeFileSync(file, "abc");
    expect(await fileSha256(file)).toBe(abcSha256);
    expect(await readUploadFile(file)).toEqual({
      content: Buffer.from("abc"),
      fileName: "abc.jsonl",
      sha256: abcSha256,
    });
  });

  it("maps every upload option and both files into the create request", () => {
    const data = { content: Buffer.from("d"), fileName: "train.jsonl", sha256: "x" };
    const evalData = { content: Buffer.from("e"), fileName: "eval.jsonl", sha256: "y" };
    expect(uploadRequest(inputs, data, evalData)).toEqual({
      name: "support-data",
      type: "chat-finetune-input",
      data: data.content,
      dataFileName: "train.jsonl",
      evalData: evalData.content,
      evalDataFileName: "eval.jsonl",
      keepOriginalFile: true,
      skipMalformedInput: true,
      keepFields: ["id"],
      optionalFields: ["source"],
      textSeparator: "\n",
      csvDelimiter: ";",
    });
  });

  it("builds outputs from the declared inputs plus the service's fields and metrics", () => {
    const outs = outputsFromWire(inputs, {
      id: "support-data-a1b2c3",
      name: "support-data",
      created_at: "2026-11-26T10:00:00Z",
      updated_at: "2026-11-26T10:01:00Z",
      dataset_type: "chat-finetune-input",
      validation_status: "validated",
      validation_warnings: ["data row 3 skipped: bad role"],
      dataset_parts: [{ id: "p0", name: "train.jsonl", num_rows: 10 }],
      metrics: {
        finetune_dataset_metrics: {
          total_examples: 10,
          train_examples: 8,
          eval_examples: 2,
          trainable_token_count: 420,
          train_size_bytes: 900,
        },
      },
    });
    expect(outs).toStrictEqual({
      ...inputs,
      validationStatus: "validated",
      validationWarnings: ["data row 3 skipped: bad role"],
      totalExamples: 10,
      trainExamples: 8,
      evalExamples: 2,
      trainableTokenCount: 420,
      createdAt: "2026-11-26T10:00:00Z",
    });
  });

  it("leaves out what the service has not reported yet, and keeps a validation error", () => {
    const base = { id: "d", name: "n", dataset_type: "chat-finetune-input" };
    const queued = outputsFromWire(inputs, { ...base, validation_status: "queued" });
    expect(queued).not.toHaveProperty("totalExamples");
    expect(queued).not.toHaveProperty("validationError");
    const failed = outputsFromWire(inputs, {
      ...base,
      validation_status: "failed",
      validation_error: "too few",
    });
    expect(failed).toMatchObject({ validationStatus: "failed", validationError: "too few" });
  });
});
