import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { outputsFromWire, uploadRequest } from "../../provider/dataset/datasetConversion";
import { fileSha256 } from "../../provider/dataset/fileHashes";
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
};

describe("dataset wire mapping", () => {
  it("hashes a file by streaming it", async () => {
    const file = path.join(dir, "abc.jsonl");
    fs.writeFileSync(file, "abc");
    expect(await fileSha256(file)).toBe(abcSha256);
  });

  it("maps every upload option and both files, as file-backed blobs, into the create request", async () => {
    fs.writeFileSync(path.join(dir, "train.jsonl"), "data");
    fs.writeFileSync(path.join(dir, "eval.jsonl"), "eval!");
    const request = await uploadRequest("support-data-1", {
      ...inputs,
      dataFile: path.join(dir, "train.jsonl"),
      evalDataFile: path.join(dir, "eval.jsonl"),
    });
    expect(await request.data.text()).toBe("data");
    expect(await request.evalData!.text()).toBe("eval!");
    expect({ ...request, data: undefined, evalData: undefined }).toEqual({
      name: "support-data-1",
      type: "chat-finetune-input",
      data: undefined,
      dataFileName: "train.jsonl",
      evalData: undefined,
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
