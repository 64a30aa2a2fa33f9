import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { DatasetProvider } from "../../provider/dataset/provider";
import { configured } from "../support/configuredProvider";
import { ScriptedServer, startScriptedServer } from "./cohere/scriptedServer";

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-check-"));
const dataFile = path.join(dir, "train.jsonl");
fs.writeFileSync(dataFile, "{}\n");
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
    const provider = new DatasetProvider();
    expect((await provider.check({}, spec())).inputs).toEqual(spec());
    expect((await provider.check({}, spec({ name: "my-data" }))).inputs.name).toBe("my-data");
  });

  it("reports failures with property paths and makes no API call", async () => {
    const provider = configured(new DatasetProvider(), server.url);
    const { failures } = await provider.check(
      {},
      spec({ type: "chat", dataFile: path.join(dir, "gone.jsonl") }),
    );
    expect(failures!.map((f) => f.property).sort()).toEqual(["dataFile", "type"]);
    expect(server.requests).toEqual([]);
  });
});
