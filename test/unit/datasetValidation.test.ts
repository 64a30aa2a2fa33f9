import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { validateDataset } from "../../provider/dataset/validation";
import { unknownValue } from "../../provider/lifecycle/rules";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-validation-"));
const trainFile = path.join(dir, "train.jsonl");
const evalFile = path.join(dir, "eval.jsonl");
fs.writeFileSync(trainFile, '{"messages":[]}\n');
fs.writeFileSync(evalFile, '{"messages":[]}\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const hash = "a".repeat(64);
type Spec = Record<string, unknown>;
const valid = (): Spec => ({ type: "chat-finetune-input", dataFile: trainFile, dataFileHash: hash });
const with_ = (overrides: Spec): Spec => ({ ...valid(), ...overrides });

const invalidSpecs: Array<[string, Spec, string]> = [
  ["missing type", { dataFile: trainFile, dataFileHash: hash }, "type"],
  ["unknown type", with_({ type: "embed-input" }), "type"],
  ["type not a string", with_({ type: 3 }), "type"],
  ["missing dataFile", { type: "chat-finetune-input" }, "dataFile"],
  ["empty dataFile", with_({ dataFile: "" }), "dataFile"],
  ["dataFile not a string", with_({ dataFile: ["a.jsonl"] }), "dataFile"],
  ["dataFile missing on disk", with_({ dataFile: path.join(dir, "nope.jsonl") }), "dataFile"],
  ["dataFile is a directory", with_({ dataFile: dir }), "dataFile"],
  ["evalDataFile missing on disk", with_({ evalDataFile: "missing/eval.jsonl" }), "evalDataFile"],
  ["evalDataFile not a string", with_({ evalDataFile: 1 }), "evalDataFile"],
  [
    "dataFileHash missing for a readable file",
    { type: "chat-finetune-input", dataFile: trainFile },
    "dataFileHash",
  ],
  ["evalDataFileHash missing for a readable file", with_({ evalDataFile: evalFile }), "evalDataFileHash"],
  ["dataFileHash not a digest", with_({ dataFileHash: "abc" }), "dataFileHash"],
  [
    "evalDataFileHash not a digest",
    with_({ evalDataFile: evalFile, evalDataFileHash: "XYZ" }),
    "evalDataFileHash",
  ],
  ["name 50 characters", with_({ name: "n".repeat(50) }), "name"],
  ["name empty", with_({ name: " " }), "name"],
  ["name not a string", with_({ name: 5 }), "name"],
  ["keepOriginalFile not boolean", with_({ keepOriginalFile: "yes" }), "keepOriginalFile"],
  ["skipMalformedInput not boolean", with_({ skipMalformedInput: 1 }), "skipMalformedInput"],
  ["keepFields not a list", with_({ keepFields: "id" }), "keepFields"],
  ["keepFields item not a string", with_({ keepFields: ["id", 2] }), "keepFields[1]"],
  ["optionalFields item empty", with_({ optionalFields: [""] }), "optionalFields[0]"],
  ["textSeparator empty", with_({ textSeparator: "" }), "textSeparator"],
  ["textSeparator not a string", with_({ textSeparator: 10 }), "textSeparator"],
  ["csvDelimiter two characters", with_({ csvDelimiter: ";;" }), "csvDelimiter"],
  ["waitForValidation not boolean", with_({ waitForValidation: "no" }), "waitForValidation"],
  ["the host's bookkeeping, which the host splits off", with_({ resourceName: "train" }), "resourceName"],
  ["unknown field", with_({ file: trainFile }), "file"],
];

describe("validateDataset", () => {
  it("accepts a complete valid spec", () => {
    const full = {
      ...valid(),
      name: "n".repeat(49),
      evalDataFile: evalFile,
      evalDataFileHash: hash,
      keepOriginalFile: true,
      skipMalformedInput: false,
      keepFields: ["id"],
      optionalFields: ["source"],
      textSeparator: "\n",
      csvDelimiter: "\t",
      waitForValidation: false,
    };
    expect(validateDataset(full)).toEqual([]);
  });

  it("accepts every fine-tuning dataset type", () => {
    for (const type of [
      "chat-finetune-input",
      "reranker-finetune-input",
      "single-label-classification-finetune-input",
      "multi-label-classification-finetune-input",
    ]) {
      expect(validateDataset(with_({ type }))).toEqual([]);
    }
  });

  it("resolves a relative path against the working directory", () => {
    const relative = path.relative(process.cwd(), trainFile);
    expect(path.isAbsolute(relative)).toBe(false);
    expect(validateDataset(with_({ dataFile: relative }))).toEqual([]);
  });

  it("says where a missing file was looked for", () => {
    const [failure] = validateDataset(with_({ dataFile: "data/train.jsonl" }));
    expect(failure.reason).toContain(path.resolve("data/train.jsonl"));
    expect(failure.reason).toMatch(/ENOENT/);
  });

  it("skips values that are unknown during preview", () => {
    const spec = with_({
      type: unknownValue,
      dataFile: unknownValue,
      dataFileHash: unknownValue,
      keepFields: unknownValue,
    });
    expect(validateDataset(spec)).toEqual([]);
  });

  it.each(
    invalidSpecs.map(([title, spec, property]) => [`${title} at ${property}`, spec, property] as const),
  )("rejects %s", (_title, spec, property) => {
    const failures = validateDataset(spec);
    expect(failures.map((f) => f.property)).toContain(property);
    expect(failures.find((f) => f.property === property)!.reason).toContain(property);
  });
});
