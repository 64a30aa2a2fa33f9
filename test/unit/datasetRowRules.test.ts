/**
 * The provider's dataset rules, as a preview applies them, against the files the emulator's rules are tested with
 * (test/emulator/datasets.test.ts and validation.test.ts build them with the same helpers): the two are separate
 * code, so each file goes through both and they must agree on accepting or refusing it.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { validateUpload } from "../../emulator/backend/datasetValidation";
import type { DatasetType as EmulatorDatasetType } from "../../emulator/wire/enums";
import { checkRows, previewReadBytes } from "../../provider/dataset/rowCheck";
import { grouped } from "../../provider/lifecycle/counts";
import type { DatasetInputs } from "../../provider/dataset/types";
import {
  chatJsonl,
  chatRows,
  classificationRows,
  jsonl,
  multiLabelRows,
  rerankRows,
} from "../support/emulator";

const chat = "chat-finetune-input";
const singleLabel = "single-label-classification-finetune-input";
const multiLabel = "multi-label-classification-finetune-input";
const rerank = "reranker-finetune-input";
const labels = ["a", "b", "c", "d", "e", "f", "g", "h"];

interface RuleFile {
  title: string;
  type: DatasetInputs["type"];
  data: string | Buffer;
  evalData?: string;
  skipMalformedInput?: boolean;
  accepted: boolean;
}

const validChat = chatRows(2);
const openAiChat = {
  messages: [
    { role: "system", content: "You are terse." },
    { role: "user", content: "hi" },
    { role: "assistant", content: "hello" },
  ],
};

/**
 * Not here: the emulator's row of over 8 MiB, refused by a limit of its own that Cohere does not document, which
 * the preview therefore does not apply.
 */
const ruleFiles: RuleFile[] = [
  { title: "chat: 2 conversations", type: chat, data: jsonl(validChat), accepted: true },
  { title: "chat: 10 conversations", type: chat, data: jsonl(chatRows(10)), accepted: true },
  { title: "chat: the emulator's sample data", type: chat, data: chatJsonl(10), accepted: true },
  { title: "chat: 1 conversation", type: chat, data: jsonl(chatRows(1)), accepted: false },
  {
    title: "chat: an Assistant role",
    type: chat,
    data: jsonl([
      ...validChat,
      {
        messages: [
          { role: "User", content: "hi" },
          { role: "Assistant", content: "hello" },
        ],
      },
    ]),
    accepted: false,
  },
  { title: "chat: OpenAI's format", type: chat, data: jsonl([openAiChat, openAiChat]), accepted: false },
  {
    title: "chat: a System message after the first",
    type: chat,
    data: jsonl([
      ...validChat,
      {
        messages: [
          { role: "User", content: "hi" },
          { role: "System", content: "x" },
          { role: "Chatbot", content: "y" },
        ],
      },
    ]),
    accepted: false,
  },
  {
    title: "chat: no Chatbot message",
    type: chat,
    data: jsonl([...validChat, { messages: [{ role: "User", content: "hi" }] }]),
    accepted: false,
  },
  {
    title: "chat: empty content",
    type: chat,
    data: jsonl([
      ...validChat,
      {
        messages: [
          { role: "User", content: " " },
          { role: "Chatbot", content: "y" },
        ],
      },
    ]),
    accepted: false,
  },
  { title: "chat: no messages", type: chat, data: jsonl([...validChat, { prompt: "x" }]), accepted: false },
  {
    title: "chat: a line that is not JSON",
    type: chat,
    data: `${jsonl(chatRows(3))}{not json\n`,
    accepted: false,
  },
  {
    title: "chat: a line that is not JSON, skipped",
    type: chat,
    data: `${jsonl(chatRows(3))}{not json\n`,
    skipMalformedInput: true,
    accepted: true,
  },
  {
    title: "chat: skipped lines leave too few conversations",
    type: chat,
    data: `${jsonl(chatRows(1))}{not json\n`,
    skipMalformedInput: true,
    accepted: false,
  },
  { title: "chat: only a line that is not JSON", type: chat, data: "not json\n", accepted: false },
  { title: "chat: a JSON array line", type: chat, data: `${jsonl(validChat)}[1]\n`, accepted: false },
  {
    title: "chat: CRLF line ends and blank lines",
    type: chat,
    data: `${jsonl(chatRows(3)).replace(/\n/g, "\r\n")}\n\n`,
    accepted: true,
  },
  {
    title: "chat: bytes that are not UTF-8",
    type: chat,
    data: Buffer.concat([Buffer.from(jsonl(chatRows(3))), Buffer.from([0xff, 0xfe, 0x0a])]),
    accepted: false,
  },
  { title: "chat: an empty file", type: chat, data: "", accepted: false },
  {
    title: "chat: an eval file of its own",
    type: chat,
    data: jsonl(chatRows(4)),
    evalData: jsonl(chatRows(3)),
    accepted: true,
  },
  {
    title: "chat: an eval file of 1 conversation (no minimum of its own)",
    type: chat,
    data: jsonl(chatRows(2)),
    evalData: jsonl(chatRows(1)),
    accepted: true,
  },
  {
    title: "chat: an eval file in OpenAI's format",
    type: chat,
    data: jsonl(chatRows(4)),
    evalData: jsonl([openAiChat]),
    accepted: false,
  },
  {
    title: "single-label: 8 labels of 5",
    type: singleLabel,
    data: jsonl(classificationRows(5, labels)),
    accepted: true,
  },
  {
    title: "single-label: 39 examples",
    type: singleLabel,
    data: jsonl(classificationRows(5, labels).slice(1)),
    accepted: false,
  },
  {
    title: "single-label: a label with 4 examples",
    type: singleLabel,
    data: jsonl([...classificationRows(6, labels.slice(0, 7)), ...classificationRows(4, ["rare"])]),
    accepted: false,
  },
  {
    title: "single-label: a list as label",
    type: singleLabel,
    data: jsonl([{ text: "x", label: ["a"] }]),
    accepted: false,
  },
  {
    title: "single-label: no text",
    type: singleLabel,
    data: jsonl([...classificationRows(5, labels), { label: "a" }]),
    accepted: false,
  },
  {
    title: "multi-label: 40 examples, 5 per label",
    type: multiLabel,
    data: jsonl(multiLabelRows(40, labels)),
    accepted: true,
  },
  {
    title: "multi-label: a label in 2 arrays only",
    type: multiLabel,
    data: jsonl([...multiLabelRows(40, labels), { text: "x", label: ["a", "rare"] }]).replace(
      /\["b"\]/,
      '["b","rare"]',
    ),
    accepted: false,
  },
  {
    title: "multi-label: strings as labels",
    type: multiLabel,
    data: jsonl(classificationRows(5, labels)),
    accepted: false,
  },
  { title: "rerank: 256 examples", type: rerank, data: jsonl(rerankRows(256)), accepted: true },
  {
    title: "rerank: 256 examples without hard negatives",
    type: rerank,
    data: jsonl(rerankRows(256).map((row) => ({ ...(row as object), hard_negatives: undefined }))),
    accepted: true,
  },
  { title: "rerank: 255 examples", type: rerank, data: jsonl(rerankRows(255)), accepted: false },
  {
    title: "rerank: no relevant passages",
    type: rerank,
    data: jsonl([{ query: "q", relevant_passages: [] }]),
    accepted: false,
  },
  {
    title: "rerank: hard negatives as a string",
    type: rerank,
    data: jsonl([{ query: "q", relevant_passages: ["p"], hard_negatives: "n" }]),
    accepted: false,
  },
];

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-rules-"));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function written(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

function uploaded(name: string, content: string | Buffer) {
  const bytes = Buffer.from(content);
  return {
    filename: name,
    sizeBytes: bytes.length,
    async *content() {
      yield bytes;
    },
  };
}

describe("the provider's dataset rules and the emulator's agree on every file", () => {
  test.each(ruleFiles.map((file, index) => [file.title, index, file] as const))(
    "%s",
    async (_title, index, file) => {
      const inputs = {
        type: file.type,
        dataFile: written(`${index}-data.jsonl`, file.data),
        evalDataFile: file.evalData === undefined ? undefined : written(`${index}-eval.jsonl`, file.evalData),
        skipMalformedInput: file.skipMalformedInput,
      } as DatasetInputs;
      const preview = await checkRows(inputs);
      const emulator = await validateUpload(
        file.type as EmulatorDatasetType,
        uploaded("data.jsonl", file.data),
        file.evalData === undefined ? undefined : uploaded("eval.jsonl", file.evalData),
        file.skipMalformedInput ?? false,
      );
      expect({ preview: preview.failures.length === 0, emulator: emulator.status === "validated" }).toEqual({
        preview: file.accepted,
        emulator: file.accepted,
      });
    },
  );
});

describe("what a preview says of a file Cohere would refuse", () => {
  const check = (type: DatasetInputs["type"], data: string, more: Partial<DatasetInputs> = {}) =>
    checkRows({ type, dataFile: written(`said-${Math.random()}.jsonl`, data), ...more } as DatasetInputs);

  it("names the line, the OpenAI role and the Cohere role to write instead", async () => {
    const { failures } = await check(chat, jsonl([...validChat, openAiChat, openAiChat]));
    expect(failures).toEqual([
      {
        property: "dataFile",
        reason: expect.stringMatching(
          /^dataFile ".*\.jsonl" line 3: messages\[0\]\.role is "system": Cohere's roles are System, User, Chatbot, so write "System" \(OpenAI's chat format maps system to System, user to User, assistant to Chatbot\) \(and 1 more line with problems\)$/,
        ),
      },
    ]);
  });

  it("names every label short of 5 examples, and the fix", async () => {
    const scarce = [...classificationRows(6, labels.slice(0, 6)), ...classificationRows(4, ["rare", "odd"])];
    const { failures } = await check(singleLabel, jsonl(scarce));
    expect(failures.map((failure) => failure.reason)).toEqual([
      expect.stringMatching(
        /^dataFile ".*" has too few examples of labels "rare" \(4\), "odd" \(4\): Cohere needs at least 5 of each label; add examples, or merge a rare label into another$/,
      ),
    ]);
  });

  it("names the minimum a file misses", async () => {
    const { failures } = await check(rerank, jsonl(rerankRows(255)));
    expect(failures[0].reason).toMatch(
      /has 255 valid examples, and Cohere needs at least 256: add examples$/,
    );
  });

  it("with skipMalformedInput, notes the lines Cohere skips instead of failing", async () => {
    const result = await check(chat, `${jsonl(chatRows(3))}{not json\n`, { skipMalformedInput: true });
    expect(result.failures).toEqual([]);
    expect(result.notes).toEqual([
      expect.stringMatching(/line 4: is not valid JSON.*; skipMalformedInput: Cohere skips such lines$/),
    ]);
  });

  it("leaves a .csv or .txt file to Cohere, saying nothing of its rows", async () => {
    const inputs = { type: chat, dataFile: written("rows.csv", "not json\n"), csvDelimiter: ";" };
    expect(await checkRows(inputs as DatasetInputs)).toEqual({ failures: [], notes: [] });
  });

  it(`checks a file larger than a preview reads (${previewReadBytes} bytes) as far as it reads, and says so`, async () => {
    const line = `${JSON.stringify(chatRows(1)[0])}\n`;
    const file = written(
      "large.jsonl",
      line.repeat(Math.ceil(previewReadBytes / Buffer.byteLength(line)) + 10),
    );
    const complete = Math.floor(previewReadBytes / Buffer.byteLength(line));
    expect(await checkRows({ type: chat, dataFile: file } as DatasetInputs)).toEqual({
      failures: [],
      notes: [
        `dataFile "${file}" is larger than the 64 MiB a preview reads: its first ${grouped(complete)} lines were checked; ` +
          "Cohere checks the rest, and the minimum numbers of examples, when it validates the upload",
      ],
    });
  }, 30_000);
});
