import { FinetunedModelProvider } from "../../provider/finetunedModel/provider";
import { ResourceInitError } from "../../provider/lifecycle/resourceInitError";
import { AuthenticationError } from "../../provider/cohere/errors";
import type { FinetunedModelInputs, FinetunedModelOutputs } from "../../provider/finetunedModel/types";
import { configured } from "../support/configuredProvider";
import type { EmulatorAdmin } from "../../emulator/index";
import { countRequests, startTestEmulator, testApiKey } from "../support/emulator";

const wandbKey = "wandb-key-do-not-print-42";
let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let admin: EmulatorAdmin;
let datasetId: string;
let logged: string[];

function configuredProvider(apiKey = testApiKey): FinetunedModelProvider {
  return configured(new FinetunedModelProvider(), emulator.url, apiKey);
}

async function checked(
  provider: FinetunedModelProvider,
  overrides: Partial<FinetunedModelInputs> = {},
): Promise<FinetunedModelInputs> {
  const news = {
    settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId, hyperparameters: { trainEpochs: 1 } },
    resourceName: "bot",
    autoNameScope: `it/${Math.random()}`,
    ...overrides,
  };
  const { inputs, failures } = await provider.check({}, news);
  expect(failures).toBeUndefined();
  return inputs as FinetunedModelInputs;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ trainingMs: 400 });
  admin = emulator.admin;
  process.env.COHERE_POLL_INITIAL_MS = "20";
  process.env.COHERE_POLL_MAX_MS = "50";
  process.env.COHERE_RETRY_BASE_MS = "10";
});
afterAll(async () => emulator.close());

beforeEach(async () => {
  await admin.reset();
  datasetId = await admin.createChatDataset();
  await admin.clearRequests();
  logged = [];
  jest.spyOn(console, "log").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
  jest.spyOn(console, "error").mockImplementation((...args: unknown[]) => void logged.push(args.join(" ")));
});
afterEach(() => jest.restoreAllMocks());

describe("FinetunedModelProvider against the emulator", () => {
  it("creates a model, waits until READY and records its outputs", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const { id, outs } = await provider.create(inputs);
    expect(outs).toMatchObject({ name: inputs.name, status: "STATUS_READY", inferenceModelName: `${id}-ft` });
    expect(outs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(outs.completedAt).toBeDefined();
    const models = await admin.models();
    expect(models.map((m) => m.id)).toEqual([id]);
    expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(1);
    expect(logged.join("\n")).toContain("STATUS_READY");
  });

  it("lists the account once per provider process, however many models it creates", async () => {
    const provider = configuredProvider();
    const created = await Promise.all(
      [1, 2, 3].map(async (epochs) =>
        provider.create(
          await checked(provider, {
            settings: {
              baseModel: { baseType: "BASE_TYPE_CHAT" },
              datasetId,
              hyperparameters: { trainEpochs: epochs },
            },
          }),
        ),
      ),
    );
    expect(new Set(created.map((c) => c.id)).size).toBe(3);
    const requests = await admin.requests();
    expect(countRequests(requests, "GET", /finetuned-models$/)).toBe(1);
    expect(countRequests(requests, "POST", /finetuned-models$/)).toBe(3);
  });

  it("does not wait when waitForReady is false", async () => {
    const provider = configuredProvider();
    const { outs } = await provider.create(await checked(provider, { waitForReady: false }));
    expect(outs.status).not.toBe("STATUS_READY");
  });

  it("read reflects an outside rename and reports an outside delete as gone", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const { id, outs } = await provider.create(inputs);
    await admin.api("PATCH", `/v1/finetuning/finetuned-models/${id}`, { name: "renamed-outside" });
    const read = await provider.read(id, outs as FinetunedModelOutputs);
    expect(read.props.name).toBe("renamed-outside");
    expect(read.inputs.name).toBe(inputs.name);

    await admin.api("DELETE", `/v1/finetuning/finetuned-models/${id}`);
    expect(await provider.read(id, outs as FinetunedModelOutputs)).toEqual({});
  });

  it("read treats STATUS_DELETED as gone", async () => {
    const provider = configuredProvider();
    const { id, outs } = await provider.create(await checked(provider));
    await admin.forceStatus(id, "STATUS_DELETED");
    expect(await provider.read(id, outs as FinetunedModelOutputs)).toEqual({});
  });

  it("update renames in place with one PATCH; a wandb-only change makes no call", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, {
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId,
        wandb: { project: "p", apiKey: wandbKey },
      },
    });
    const { id, outs } = await provider.create(inputs);
    await admin.clearRequests();

    const renamed = { ...inputs, name: "bot-renamed" };
    const updated = await provider.update(id, outs as FinetunedModelOutputs, renamed);
    expect(updated.outs.name).toBe("bot-renamed");
    const afterRename = await admin.requests();
    expect(countRequests(afterRename, "PATCH", new RegExp(id))).toBe(1);
    expect(afterRename).toHaveLength(1);

    await admin.clearRequests();
    const newWandb = {
      ...renamed,
      settings: { ...renamed.settings, wandb: { project: "p2", apiKey: "other" } },
    };
    const recorded = await provider.update(id, updated.outs as FinetunedModelOutputs, newWandb);
    expect(recorded.outs.settings.wandb).toEqual({ project: "p2" });
    expect(JSON.stringify(recorded.outs)).not.toContain("other");
    expect(await admin.requests()).toHaveLength(0);
    expect(logged.join("\n")).not.toContain(wandbKey);
  });

  it("delete deletes, and a second delete of the same id succeeds", async () => {
    const provider = configuredProvider();
    const { id } = await provider.create(await checked(provider));
    await provider.delete(id);
    await provider.delete(id);
    expect(await admin.models()).toHaveLength(0);
  });

  it("retries 429 (honouring Retry-After) and 503 and still creates exactly one model", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    await admin.setFaults({ rate_429: 0.3, rate_503: 0.2, retry_after_seconds: 0, seed: 7 });
    const { id } = await provider.create(inputs);
    await admin.setFaults({});
    const requests = await admin.requests();
    const faulted = requests.filter((r) => r.status === 429 || r.status === 503);
    expect(faulted.length).toBeGreaterThan(0);
    const models = await admin.models();
    expect(models.map((m) => m.id)).toEqual([id]);
  });

  it("never sends a second create when the first answer was lost after the model was made", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    await admin.setFaults({ drop_after_processing_rate: 1, methods: ["POST"], seed: 1 });
    const attempt = provider.create(inputs);
    // Only the create is dropped: lift the fault once the POST has been answered by a dropped socket.
    await waitFor(async () => (await admin.requests()).some((r) => r.method === "POST" && r.status === 0));
    await admin.setFaults({});
    const { id } = await attempt;
    expect((await admin.models()).map((m) => m.id)).toEqual([id]);
    expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(1);
  });

  it("a training that ends FAILED throws a partial failure that keeps the id", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { name: "doomed" });
    await admin.setFaults({ fail_training: ["doomed"] });
    const error = await provider.create(inputs).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/STATUS_FAILED/);
    expect(error.properties.status).toBe("STATUS_FAILED");
    expect((await admin.models()).map((m) => m.id)).toEqual([error.id]);
  });

  it("a deadline shorter than the training throws a partial failure that keeps the id; update resumes", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { timeouts: { create: "50ms", update: "1m" } });
    const error = await provider.create(inputs).catch((e) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.message).toMatch(/timed out/);
    const resumed = await provider.update(error.id, error.properties, inputs);
    expect(resumed.outs.status).toBe("STATUS_READY");
    expect(await admin.models()).toHaveLength(1);
  });

  it("adopts an existing model by id without creating one", async () => {
    const provider = configuredProvider();
    const existing = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: "made-by-hand",
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
    });
    const existingId = (existing.body.finetuned_model as { id: string }).id;
    await admin.clearRequests();
    const { id, outs } = await provider.create(
      await checked(provider, { adoptModelId: existingId, name: "made-by-hand" }),
    );
    expect(id).toBe(existingId);
    expect(outs.status).toBe("STATUS_READY");
    expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(0);
    expect(await admin.models()).toHaveLength(1);
  });

  it("a wrong API key is an authentication error that does not contain the key", async () => {
    const wrongKey = "wrong-key-abcdef-123456";
    const provider = configuredProvider(wrongKey);
    const error = await provider.create(await checked(provider)).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/cohere:apiKey/);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(wrongKey);
  });

  it("without any API key the first operation says how to set one", async () => {
    const saved = process.env.CO_API_KEY;
    delete process.env.CO_API_KEY;
    const provider = new FinetunedModelProvider();
    await expect(provider.read("x", {} as FinetunedModelOutputs)).rejects.toThrow(
      /cohere:apiKey.*CO_API_KEY/,
    );
    if (saved !== undefined) process.env.CO_API_KEY = saved;
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 500; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("condition not reached");
}
