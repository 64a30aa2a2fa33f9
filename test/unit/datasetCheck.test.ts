import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DatasetProvider } from "../../provider/dataset/provider";
import { unknownValue } from "../../provider/lifecycle/rules";

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
  const provider = new DatasetProvider();

  it("generates <resource name>-<suffix> when no name is declared", async () => {
    const { inputs, failures } = await provider.check({}, spec());
    expect(failures).toBeUndefined();
    expect(inputs.name).toMatch(/^support-data-[0-9a-f]{8}$/);
    expect(inputs.nameIsGenerated).toBe(true);
  });

  it("keeps a generated name under Cohere's 50 characters for a long resource name", async () => {
    const longName = "a-very-long-resource-name-for-the-support-team-training-data";
    const { inputs } = await provider.check({}, spec({ resourceName: longName }));
    expect(inputs.name.length).toBeLessThan(50);
    expect(inputs.name).toMatch(new RegExp(`^${longName.slice(0, 40)}-[0-9a-f]{8}$`));
  });

  it("keeps a generated name across runs", async () => {
    const first = await provider.check({}, spec());
    const second = await provider.check(first.inputs, spec({ dataFileHash: "2".repeat(64) }));
    expect(second.inputs.name).toBe(first.inputs.name);
  });

  it("generates a fresh name for a replacement (checked without olds) with other content", async () => {
    const first = await provider.check({}, spec());
    const replacement = await provider.check({}, spec({ dataFileHash: "2".repeat(64) }));
    expect(replacement.inputs.name).not.toBe(first.inputs.name);
  });

  it("gives equal resource names in different stacks different names", async () => {
    const dev = await provider.check({}, spec());
    const prod = await provider.check({}, spec({ autoNameScope: "proj/prod" }));
    expect(prod.inputs.name).not.toBe(dev.inputs.name);
  });

  it("uses an explicit name as given", async () => {
    const { inputs } = await provider.check(
      { name: "old", nameIsGenerated: true },
      spec({ name: "my-data" }),
    );
    expect(inputs.name).toBe("my-data");
    expect(inputs.nameIsGenerated).toBeUndefined();
  });

  it("leaves the name unknown while the file's hash is unknown", async () => {
    const { inputs } = await provider.check({}, spec({ dataFileHash: unknownValue }));
    expect(inputs.name).toBe(unknownValue);
  });

  it("reports failures with property paths and makes no API call", async () => {
    const unconfigured = new DatasetProvider();
    const { failures } = await unconfigured.check(
      {},
      spec({ type: "chat", dataFile: path.join(dir, "gone.jsonl") }),
    );
    expect(failures!.map((f) => f.property).sort()).toEqual(["dataFile", "type"]);
  });
});
