import { diffDataset } from "../../provider/dataset/diff";
import type { DatasetInputs, DatasetOutputs } from "../../provider/dataset/types";
import { unknownValue } from "../../provider/lifecycle/rules";

const id = "train-a1b2c3";
const declared = (): DatasetInputs => ({
  type: "chat-finetune-input",
  dataFile: "data/train.jsonl",
  dataFileHash: "1".repeat(64),
  keepFields: ["id"],
});
const stored = (overrides: Partial<DatasetOutputs> = {}): DatasetOutputs => ({
  ...declared(),
  name: "train-0badf00d",
  nameIsGenerated: true,
  validationStatus: "validated",
  totalExamples: 10,
  trainExamples: 8,
  evalExamples: 2,
  createdAt: "2026-11-26T10:00:00Z",
  ...overrides,
});
const change = (overrides: Partial<DatasetInputs>): DatasetInputs => ({ ...declared(), ...overrides });

type Row = [string, DatasetOutputs, DatasetInputs, { changes: boolean; replaces: string[] }];
const none = { changes: false, replaces: [] };
const update = { changes: true, replaces: [] };
const replace = (...replaces: string[]) => ({ changes: true, replaces });
const table: Row[] = [
  ["nothing changed", stored(), declared(), none],
  ["host adds __provider", stored(), { ...declared(), __provider: "x" } as DatasetInputs, none],
  ["file content", stored(), change({ dataFileHash: "2".repeat(64) }), replace("dataFileHash")],
  [
    "file content unknown in preview",
    stored(),
    change({ dataFileHash: unknownValue }),
    replace("dataFileHash"),
  ],
  [
    "eval file added",
    stored(),
    change({ evalDataFile: "e.jsonl", evalDataFileHash: "3".repeat(64) }),
    replace("evalDataFileHash"),
  ],
  ["file moved, same content", stored(), change({ dataFile: "elsewhere/train.jsonl" }), update],
  ["type", stored(), change({ type: "reranker-finetune-input" }), replace("type")],
  ["explicit name", stored(), change({ name: "my-data" }), replace("name")],
  ["the generated name declared as is", stored(), change({ name: "train-0badf00d" }), none],
  [
    "keepFields reordered",
    stored({ keepFields: ["id", "source"] }),
    change({ keepFields: ["source", "id"] }),
    none,
  ],
  [
    "optionalFields reordered",
    stored({ optionalFields: ["a", "b"] }),
    change({ optionalFields: ["b", "a"] }),
    none,
  ],
  ["keepOriginalFile", stored(), change({ keepOriginalFile: true }), replace("keepOriginalFile")],
  ["skipMalformedInput", stored(), change({ skipMalformedInput: true }), replace("skipMalformedInput")],
  ["keepFields", stored(), change({ keepFields: ["id", "source"] }), replace("keepFields")],
  ["optionalFields", stored(), change({ optionalFields: ["source"] }), replace("optionalFields")],
  ["textSeparator", stored(), change({ textSeparator: "\n\n" }), replace("textSeparator")],
  ["csvDelimiter", stored(), change({ csvDelimiter: ";" }), replace("csvDelimiter")],
  ["waitForValidation only", stored(), change({ waitForValidation: false }), update],
  ["stored status failed", stored({ validationStatus: "failed" }), declared(), replace("validationStatus")],
  ["still processing, waiting", stored({ validationStatus: "processing" }), declared(), update],
  [
    "still processing, not waiting",
    stored({ validationStatus: "processing", waitForValidation: false }),
    change({ waitForValidation: false }),
    none,
  ],
];

describe("diffDataset", () => {
  it.each(table)("%s", (_title, olds, news, expected) => {
    const result = diffDataset(id, olds, news);
    expect({ changes: result.changes, replaces: result.replaces }).toEqual(expected);
  });

  it("explains a replacement in words", () => {
    expect(diffDataset(id, stored(), change({ dataFileHash: "2".repeat(64) })).reasons.join(" ")).toMatch(
      /dataFileHash changed.*new upload replaces/,
    );
    expect(diffDataset(id, stored({ validationStatus: "failed" }), declared()).reasons.join(" ")).toMatch(
      /failed validation/,
    );
  });
});
