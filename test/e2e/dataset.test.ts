import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorProject, UserProject } from "./harness";
import {
  chatJsonl,
  countRequests,
  startTestEmulator,
  testApiKey,
  fastProviderEnv,
} from "../support/emulator";

/** A dataset from the file in config `dataFile`, an optional second one from `extraFile`, a model on the first. */
const program = `import * as pulumi from "@pulumi/pulumi";
import { Dataset, DatasetType, FinetunedModel } from "pulumi-cohere-finetuning";

const config = new pulumi.Config();
const dataset = new Dataset("support-chat", { type: DatasetType.ChatFinetuneInput, dataFile: config.require("dataFile") });
const extraFile = config.get("extraFile");
const extra = extraFile ? new Dataset("extra-chat", { type: DatasetType.ChatFinetuneInput, dataFile: extraFile }) : undefined;
const model = new FinetunedModel("support-bot", {
  settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: dataset.id },
});

export const datasetOut = {
  id: dataset.id,
  name: dataset.name,
  validationStatus: dataset.validationStatus,
  totalExamples: dataset.totalExamples,
  trainExamples: dataset.trainExamples,
  dataFileHash: dataset.dataFileHash,
  expired: dataset.expired,
};
export const modelOut = { id: model.id, status: model.status, datasetId: model.settings.datasetId };
export const extraOut = extra ? { id: extra.id, validationStatus: extra.validationStatus } : undefined;
`;

const step = 180_000;

interface Outputs {
  dataset: {
    id: string;
    name: string;
    validationStatus: string;
    expired?: boolean;
    totalExamples: number;
    trainExamples: number;
    dataFileHash: string;
  };
  model: { id: string; status: string; datasetId: string };
}

describe("Dataset on the real Pulumi engine", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;
  let dataDir: string;
  let dataFile: string;
  /** An extra dataset, declared from step 4 on. */
  let extraFile: string | undefined;

  const up = () => project.up();
  const preview = () => project.preview();
  const outputs = async () => {
    const values = await project.outputs();
    return { dataset: values.datasetOut, model: values.modelOut } as Outputs;
  };
  const datasetIds = async () => {
    const { body } = await admin.api("GET", "/v1/datasets");
    return (body.datasets as Array<{ id: string }>).map((dataset) => dataset.id);
  };

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 1000, validationMs: 500 });
    admin = emulator.admin;
    dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "dataset-e2e-"));
    dataFile = path.join(dataDir, "support-chat.jsonl");
    fs.writeFileSync(dataFile, chatJsonl(10));
    project = await emulatorProject({
      emulatorUrl: emulator.url,
      apiKey: testApiKey,
      program,
      env: fastProviderEnv,
    });
    await project.setConfig("dataFile", dataFile);
  }, step);

  afterAll(async () => {
    await project?.cleanup();
    await emulator?.close();
    if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
  });

  it(
    "1. up uploads the file, waits until it is validated, and trains a model on it",
    async () => {
      const { messages } = await up();
      const { dataset, model } = await outputs();
      expect(dataset).toMatchObject({ validationStatus: "validated", totalExamples: 10, trainExamples: 8 });
      expect(dataset.name).toMatch(/^support-chat-[0-9a-f]{8}$/);
      expect(dataset.dataFileHash).toMatch(/^[0-9a-f]{64}$/);
      expect(model).toMatchObject({ status: "STATUS_READY", datasetId: dataset.id });
      expect(await datasetIds()).toEqual([dataset.id]);
      expect(countRequests(await admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
      expect(messages.join("\n")).toMatch(/cohere: .*validated/);
    },
    step,
  );

  it(
    "2. a second preview shows no changes and makes no API call",
    async () => {
      await admin.clearRequests();
      expect((await preview()).changes).toEqual({ same: 3 });
      expect(await admin.requests()).toEqual([]);
    },
    step,
  );

  it(
    "3. new file content replaces the dataset and, through its id, the model",
    async () => {
      const before = await outputs();
      fs.writeFileSync(dataFile, chatJsonl(15));
      expect((await preview()).changes).toMatchObject({ replace: 2 });
      expect((await up()).changes).toMatchObject({ replace: 2 });
      const { dataset, model } = await outputs();
      expect(dataset.id).not.toBe(before.dataset.id);
      expect(dataset.name).not.toBe(before.dataset.name);
      expect(dataset.dataFileHash).not.toBe(before.dataset.dataFileHash);
      expect(dataset).toMatchObject({ validationStatus: "validated", totalExamples: 15 });
      expect(model.id).not.toBe(before.model.id);
      expect(model).toMatchObject({ status: "STATUS_READY", datasetId: dataset.id });
      expect(await datasetIds()).toEqual([dataset.id]);
      expect((await admin.models()).map((m) => m.id)).toEqual([model.id]);
    },
    step,
  );

  it(
    "4. a file that is not there fails preview naming dataFile, with no API call",
    async () => {
      extraFile = path.join(dataDir, "missing.jsonl");
      await project.setConfig("extraFile", extraFile);
      await admin.clearRequests();
      const failure = await preview().catch((error: Error) => error);
      expect(String((failure as Error).message)).toMatch(
        /dataFile ".*missing\.jsonl" cannot be read \(ENOENT/,
      );
      expect(await admin.requests()).toEqual([]);
    },
    step,
  );

  it(
    "5. a dataset that fails validation fails up with Cohere's reason, stays in state, and is replaced once fixed",
    async () => {
      // A preview checks the rows of JSON lines files only: under a .csv name (which the emulator reads as JSON
      // lines all the same) this file reaches Cohere's own validation.
      extraFile = path.join(dataDir, "extra-chat.csv");
      await project.setConfig("extraFile", extraFile);
      const bad = JSON.stringify({ messages: [{ role: "Robot", content: "beep" }] });
      fs.writeFileSync(extraFile, `${bad}\n`);
      const failure = await up().catch((error: Error) => error);
      expect(String((failure as Error).message)).toMatch(
        /could not validate dataset extra-chat-[0-9a-f]{8} \(.+\): data row 1: messages\[0\]\.role/,
      );
      const failedId = (await datasetIds()).find((id) => id.startsWith("extra-chat"))!;
      expect(await project.exportState()).toContain(failedId);

      fs.writeFileSync(extraFile, chatJsonl(3));
      expect((await up()).changes).toMatchObject({ replace: 1 });
      const extra = (await project.outputs()).extraOut as { id: string; validationStatus: string };
      expect(extra.validationStatus).toBe("validated");
      expect(await datasetIds()).not.toContain(failedId);
    },
    step,
  );

  it(
    "5b. a dataset Cohere deleted (they expire after 30 days) survives refresh without retraining its model",
    async () => {
      const before = await outputs();
      await admin.api("DELETE", `/v1/datasets/${before.dataset.id}`);
      expect((await project.refresh()).changes).not.toHaveProperty("delete");
      await admin.clearRequests();
      const { changes } = await up();
      expect(changes).not.toHaveProperty("replace");
      expect(changes).not.toHaveProperty("create");
      const after = await outputs();
      expect(after.model.id).toBe(before.model.id);
      expect(after.dataset).toMatchObject({ id: before.dataset.id, expired: true });
      expect(await admin.requests()).toEqual([]);
    },
    step,
  );

  it("6. neither the state nor any CLI output contains the API key", async () => {
    const state = await project.exportState();
    for (const text of [state, project.output()]) expect(text).not.toContain(testApiKey);
  });

  it(
    "7. destroy deletes the model and the dataset; the emulator is empty afterwards",
    async () => {
      await project.destroy();
      expect(await admin.models()).toEqual([]);
      expect(await datasetIds()).toEqual([]);
    },
    step,
  );
});
