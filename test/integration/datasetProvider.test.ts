import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { DatasetProvider } from "../../provider/providers";
import { fileSha256 } from "../../provider/dataset/fileHashes";
import { ResourceInitError } from "../../provider/lifecycle/resourceInitError";
import type { DatasetInputs, DatasetOutputs } from "../../provider/dataset/types";
import type { ResourceMetadata } from "../../provider/lifecycle/resourceMetadata";
import { configured } from "../support/configuredProvider";
import type { EmulatorAdmin } from "../../emulator/index";
import { chatJsonl, countRequests, startTestEmulator } from "../support/emulator";
import { waitFor } from "../support/waitFor";
import { testHostContext } from "../support/hostContext";
import type { ProviderTiming } from "../../provider/lifecycle/timing";

/** The dynamic host's inputs: what the program declared and the resource class's bookkeeping. */
type HostInputs = DatasetInputs & ResourceMetadata;

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let admin: EmulatorAdmin;
let dir: string;
let logged: string[];

function configuredProvider(timing: Partial<ProviderTiming> = {}): DatasetProvider {
  return configured(new DatasetProvider(testHostContext({ timing })), emulator.url);
}

function writeFile(name: string, content: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

/** What the Dataset resource class sends: the declared args plus each file's hash. */
async function checked(provider: DatasetProvider, overrides: Partial<HostInputs> = {}): Promise<HostInputs> {
  const news: Record<string, unknown> = {
    type: "chat-finetune-input",
    dataFile: writeFile("train.jsonl", chatJsonl(10)),
    resourceName: "support",
    autoNameScope: `it/${Math.random()}`,
    ...overrides,
  };
  news.dataFileHash = await fileSha256(news.dataFile as string);
  if (news.evalDataFile) news.evalDataFileHash = await fileSha256(news.evalDataFile as string);
  const { inputs, failures } = await provider.check({}, news);
  expect(failures).toBeUndefined();
  return inputs as HostInputs;
}

async function datasetIds(): Promise<string[]> {
  const { body } = await admin.api("GET", "/v1/datasets");
  return (body.datasets as Array<{ id: string }>).map((dataset) => dataset.id);
}

beforeAll(async () => {
  emulator = await startTestEmulator({ validationMs: 200 });
  admin = emulator.admin;
});
afterAll(async () => emulator.close());

beforeEach(async () => {
  await admin.reset();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-it-"));
  logged = [];
  jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterEach(() => {
  jest.restoreAllMocks();
  fs.rmSync(dir, { recursive: true, force: true });
});

describe("DatasetProvider against the emulator", () => {
  it.each([
    ["a generated name", {}],
    ["an explicit name", { name: "explicit-upload" }],
  ])("never uploads twice when the answer to the upload was lost (%s)", async (_title, overrides) => {
    const provider = configuredProvider();
    const inputs = await checked(provider, overrides);
    await admin.setFaults({ drop_after_processing_rate: 1, methods: ["POST"] });
    const attempt = provider.create(inputs);
    const droppedUpload = () =>
      admin
        .requests()
        .then((requests) =>
          requests.find((r) => r.method === "POST" && r.fault === "dropped_after_processing"),
        );
    await waitFor(droppedUpload, (dropped) => dropped !== undefined);
    await admin.setFaults({});
    const { id } = await attempt;
    expect(await datasetIds()).toEqual([id]);
    expect(countRequests(await admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
    expect(logged.join("\n")).toContain("the upload had gone through");
  });

  it("never takes an earlier upload under the same declared name for one whose answer was lost", async () => {
    const provider = configuredProvider({ createVisibilityMs: 300 });
    const earlier = await provider.create(await checked(provider, { name: "support-train" }));
    const changed = await checked(provider, {
      name: "support-train",
      dataFile: writeFile("train-v2.jsonl", chatJsonl(12)),
    });
    await admin.setFaults({ rate_503: 1, methods: ["POST"] });
    try {
      const failure = await provider.create(changed).catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect((failure as Error).message).toMatch(/503|unavailable/i);
    } finally {
      await admin.setFaults({});
    }
    expect(logged.join("\n")).not.toContain(`found dataset support-train (${earlier.id})`);
    expect(await datasetIds()).toEqual([earlier.id]);
  });

  it("keeps the id of an upload whose status cannot be read after it, so it is never orphaned", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    await admin.setFaults({ rate_503: 1, methods: ["GET"] });
    const failure = await provider.create(inputs).catch((error: unknown) => error);
    await admin.setFaults({});
    expect(failure).toBeInstanceOf(ResourceInitError);
    const { id, properties } = failure as ResourceInitError;
    expect(await datasetIds()).toEqual([id]);
    expect(properties).toMatchObject({ validationStatus: "unknown", type: "chat-finetune-input" });
    const resumed = await provider.update(id, properties as DatasetOutputs, inputs);
    expect(resumed.outs).toMatchObject({ validationStatus: "validated" });
  });

  it("says the file changed when an upload fails after it was edited, instead of waiting to resend it", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    await admin.setFaults({ rate_503: 1, latency_ms: 3000, methods: ["POST"] });
    try {
      const attempt = provider.create(inputs).catch((error: Error) => error);
      await new Promise((resolve) => setTimeout(resolve, 1000));
      fs.appendFileSync(inputs.dataFile!, chatJsonl(1));
      expect(((await attempt) as Error).message).toMatch(/dataFile .* changed while `pulumi up` was running/);
    } finally {
      await admin.setFaults({});
    }
    expect(countRequests(await admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
  });

  it("uploads again for a resource whose earlier upload no state holds (a replacement, or a killed run)", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const first = await provider.create(inputs);
    await admin.clearRequests();
    const again = await provider.create(inputs);
    expect(again.id).not.toBe(first.id);
    expect(again.outs.name).not.toBe(first.outs.name);
    expect(countRequests(await admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
  });

  it("uploads once, waits until validated and records the example counts", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const { id, outs } = await provider.create(inputs);
    expect(outs.name).toMatch(/^support-[0-9a-f]{8}$/);
    expect(outs).toMatchObject({
      nameIsGenerated: true,
      type: "chat-finetune-input",
      validationStatus: "validated",
      totalExamples: 10,
      trainExamples: 8,
      evalExamples: 2,
      dataFileHash: inputs.dataFileHash,
    });
    expect(outs.trainableTokenCount).toBeGreaterThan(0);
    expect(outs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await datasetIds()).toEqual([id]);
    expect(countRequests(await admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
    expect(logged.join("\n")).toMatch(/cohere: .*validated/);
  });

  it("uploads the eval file and the upload options", async () => {
    const provider = configuredProvider();
    const evalDataFile = writeFile("eval.jsonl", chatJsonl(3));
    const inputs = await checked(provider, {
      evalDataFile,
      keepFields: ["id", "source"],
      skipMalformedInput: true,
    });
    const { outs } = await provider.create(inputs);
    expect(outs).toMatchObject({
      trainExamples: 10,
      evalExamples: 3,
      evalDataFileHash: inputs.evalDataFileHash,
    });
    const upload = (await admin.requests()).find((r) => r.method === "POST")!;
    expect(upload.query).toMatchObject({ keep_fields: ["id", "source"], skip_malformed_input: "true" });
  });

  it("a dataset violating the chat rules throws a partial failure with Cohere's validation_error and the id", async () => {
    const provider = configuredProvider();
    const bad = JSON.stringify({ messages: [{ role: "Robot", content: "beep" }] });
    // A preview's check would refuse this file: it reaches Cohere here as a file beyond the preview's read would.
    const dataFile = writeFile("bad.jsonl", `${bad}\n`);
    const inputs = { ...(await checked(provider, { name: "broken-chat" })), dataFile };
    inputs.dataFileHash = await fileSha256(dataFile);
    const error = await provider.create(inputs).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(
      /could not validate dataset broken-chat \(.+\): data row 1: messages\[0\]\.role/,
    );
    expect(error.properties).toMatchObject({
      validationStatus: "failed",
      validationError: expect.stringMatching(/role/),
    });
    expect(await datasetIds()).toEqual([error.id]);
  });

  it("does not wait when waitForValidation is false; an update then resumes waiting", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { waitForValidation: false });
    const { id, outs } = await provider.create(inputs);
    expect(outs.validationStatus).toBe("queued");
    const resumed = await provider.update(id, outs as DatasetOutputs, { ...inputs, waitForValidation: true });
    expect(resumed.outs).toMatchObject({ validationStatus: "validated", totalExamples: 10 });
  });

  it("a deadline shorter than validation throws a partial failure that keeps the id", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { timeouts: { create: "10ms" } });
    const error = await provider.create(inputs).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/timed out .* resumes waiting/);
    expect(await datasetIds()).toEqual([error.id]);
  });

  it("an update of paths or waitForValidation only records them, with no API call", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const { id, outs } = await provider.create(inputs);
    await admin.clearRequests();
    const moved = { ...inputs, dataFile: writeFile("moved.jsonl", chatJsonl(10)), waitForValidation: false };
    const updated = await provider.update(id, outs as DatasetOutputs, moved);
    expect(updated.outs).toMatchObject({
      dataFile: moved.dataFile,
      waitForValidation: false,
      totalExamples: 10,
    });
    expect(await admin.requests()).toEqual([]);
  });

  it("refuses to upload a file whose content changed after the program hashed it", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    await admin.clearRequests();
    fs.appendFileSync(inputs.dataFile!, chatJsonl(1));
    await expect(provider.create(inputs)).rejects.toThrow(/changed while `pulumi up` was running/);
    expect(await admin.requests()).toEqual([]);
  });

  it("read reports the dataset, and keeps one Cohere deleted (expired) so its models are not retrained", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const { id, outs } = await provider.create(inputs);
    const read = await provider.read(id, outs as DatasetOutputs);
    expect(read.props).toMatchObject({ validationStatus: "validated", trainExamples: 8 });
    expect(read.inputs).toMatchObject({ dataFileHash: inputs.dataFileHash, resourceName: "support" });
    expect(read.inputs).not.toHaveProperty("name");
    expect(read.inputs).not.toHaveProperty("validationStatus");

    await admin.api("DELETE", `/v1/datasets/${id}`);
    const expired = await provider.read(id, outs as DatasetOutputs);
    expect(expired.id).toBe(id);
    expect(expired.props).toMatchObject({ expired: true, validationStatus: "validated" });
    expect(expired.inputs).toEqual(read.inputs);
  });

  it("delete deletes, and a second delete of the same id succeeds", async () => {
    const provider = configuredProvider();
    const { id } = await provider.create(await checked(provider));
    await provider.delete(id);
    await provider.delete(id);
    expect(await datasetIds()).toEqual([]);
  });
});
