import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DatasetProvider } from "../../provider/providers";
import { configured } from "../support/configuredProvider";
import { chatJsonl } from "../support/emulator";
import { ScriptedServer, startScriptedServer } from "./cohere/scriptedServer";
import { testHostContext } from "../support/hostContext";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-check-"));
const dataFile = path.join(dir, "train.jsonl");
fs.writeFileSync(dataFile, chatJsonl(2));
const openAiFile = path.join(dir, "openai.jsonl");
fs.writeFileSync(openAiFile, '{"messages": [{"role": "user", "content": "hi"}]}\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const spec = (overrides: Record<string, unknown> = {}) => ({
  type: "chat-finetune-input",
  dataFile,
  dataFileHash: "1".repeat(64),
  resourceName: "support-data",
  autoNameScope: "proj/dev",
  ...overrides,
});

describe("DatasetProvider.check", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    server = await startScriptedServer([(_req, res) => res.writeHead(500).end()]);
  });
  afterAll(() => server.close());

  it("leaves an omitted name to the upload, which chooses it, and keeps a declared one", async () => {
    // A new dataset's check reads the API key first (see credentialsCheck.ts): not what this test is about.
    const settings: Record<string, string> = {
      "cohere:apiKey": "k",
      "cohere:skipCredentialsValidation": "true",
    };
    const provider = new DatasetProvider(testHostContext());
    void provider.configure({ config: { get: (key: string) => settings[key] } });
    expect((await provider.check({}, spec())).inputs).toEqual(spec());
    expect((await provider.check({}, spec({ name: "my-data" }))).inputs.name).toBe("my-data");
  });

  it("reports failures with property paths and makes no API call", async () => {
    const provider = configured(new DatasetProvider(testHostContext()), server.url);
    const { failures } = await provider.check(
      {},
      spec({ type: "chat", dataFile: path.join(dir, "gone.jsonl") }),
    );
    expect(failures!.map((f) => f.property).sort()).toEqual(["dataFile", "type"]);
    expect(server.requests).toEqual([]);
  });

  it("fails a file to be uploaded that Cohere would refuse, naming dataFile, with no API call", async () => {
    const provider = configured(new DatasetProvider(testHostContext()), server.url);
    const { failures } = await provider.check({}, spec({ dataFile: openAiFile }));
    expect(failures).toEqual([
      { property: "dataFile", reason: expect.stringContaining('line 1: messages[0].role is "user"') },
    ]);
    expect(server.requests).toEqual([]);
  });

  it("reads no file already uploaded: only a change that uploads it again checks its rows", async () => {
    const provider = new DatasetProvider(testHostContext());
    const uploaded = spec({ dataFile: openAiFile });
    expect((await provider.check(uploaded, uploaded)).failures).toBeUndefined();
    const moved = spec({ dataFile: openAiFile, dataFileHash: "2".repeat(64) });
    expect((await provider.check(uploaded, moved)).failures).toHaveLength(1);
    const imported = { name: "data", type: "chat-finetune-input" };
    expect((await provider.check(imported, uploaded)).failures).toBeUndefined();
  });
});
