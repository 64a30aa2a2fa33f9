import { FinetunedModelProvider } from "../../provider/providers";
import { ResourceInitError } from "../../provider/lifecycle/resourceInitError";
import { AuthenticationError } from "../../provider/cohere/errors";
import type { FinetunedModelInputs, FinetunedModelOutputs } from "../../provider/finetunedModel/types";
import type { ResourceMetadata } from "../../provider/lifecycle/resourceMetadata";
import { configured } from "../support/configuredProvider";
import type { EmulatorAdmin, FaultConfig } from "../../emulator/index";
import type { RequestFault } from "../../emulator/requestLog";
import { countRequests, startTestEmulator, testApiKey } from "../support/emulator";
import { pendingName } from "../../provider/finetunedModel/pendingName";
import { testHostContext } from "../support/hostContext";
import type { ProviderTiming } from "../../provider/lifecycle/timing";

/** The dynamic host's inputs: what the program declared and the resource class's bookkeeping. */
type HostInputs = FinetunedModelInputs & ResourceMetadata;

const wandbKey = "wandb-key-do-not-print-42";
let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let admin: EmulatorAdmin;
let datasetId: string;
let logged: string[];

function configuredProvider(
  apiKey = testApiKey,
  timing: Partial<ProviderTiming> = {},
): FinetunedModelProvider {
  return configured(new FinetunedModelProvider(testHostContext({ timing })), emulator.url, apiKey);
}

async function checked(
  provider: FinetunedModelProvider,
  overrides: Partial<HostInputs> = {},
): Promise<HostInputs> {
  const news = {
    settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId, hyperparameters: { trainEpochs: 1 } },
    resourceName: "bot",
    autoNameScope: `it/${Math.random()}`,
    ...overrides,
  };
  const { inputs, failures } = await provider.check({}, news);
  expect(failures).toBeUndefined();
  return inputs as HostInputs;
}

beforeAll(async () => {
  emulator = await startTestEmulator({ trainingMs: 400 });
  admin = emulator.admin;
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
  it("creates a model under its pending name, waits until READY, reads its results and gives it its generated name", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const { id, outs } = await provider.create(inputs);
    expect(outs.name).toMatch(/^bot-[0-9a-f]{8}$/);
    expect(outs).toMatchObject({
      nameIsGenerated: true,
      status: "STATUS_READY",
      inferenceModelName: `${id}-ft`,
    });
    expect(outs.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(Date.parse(outs.completedAt!)).toBeGreaterThanOrEqual(Date.parse(outs.createdAt!));
    expect(Object.keys(outs.trainingMetrics!).sort()).toEqual([
      "accuracy",
      "crossEntropy",
      "generationAccuracy",
      "generationCrossEntropy",
    ]);
    expect(outs.trainingSteps).toBeGreaterThan(0);
    expect((await admin.models()).map((m) => [m.id, m.name])).toEqual([[id, outs.name]]);
    const requests = await admin.requests();
    const [create] = requests.filter((r) => r.method === "POST" && /finetuned-models$/.test(r.path));
    expect(create.body).toMatchObject({ name: pendingName(inputs.autoNameScope!, "bot") });
    expect(
      requests.filter((r) => r.method === "PATCH").map((r) => (r.body as { name: string }).name),
    ).toEqual([outs.name]);
    expect(logged.join("\n")).toContain("STATUS_READY");
  });

  it("resumes its own interrupted create (a model under its pending name) without a second POST", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    const wire = {
      base_model: { base_type: "BASE_TYPE_CHAT" },
      dataset_id: datasetId,
      hyperparameters: { train_epochs: 1 },
    };
    const interrupted = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: pendingName(inputs.autoNameScope!, "bot"),
      settings: wire,
    });
    const elsewhere = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: pendingName("other/stack", "bot"),
      settings: wire,
    });
    await admin.clearRequests();
    const { id, outs } = await provider.create(inputs);
    expect(id).toBe((interrupted.body.finetuned_model as { id: string }).id);
    expect(outs.name).toMatch(/^bot-[0-9a-f]{8}$/);
    expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(0);
    expect(
      (await admin.models()).find((m) => m.id === (elsewhere.body.finetuned_model as { id: string }).id),
    ).toMatchObject({
      name: pendingName("other/stack", "bot"),
    });
  });

  it("names, and leaves alone, a create of this resource under another stack key", async () => {
    const provider = configuredProvider();
    // This checkout's `Pulumi.dev.yaml` holds a passphrase salt: the stack key of any `<project>/dev` scope here.
    const inputs = await checked(provider, { autoNameScope: "it-keyed/dev" });
    const otherKey = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: pendingName("it-keyed/dev", "bot", "encryptionsalt:v1:another-backend"),
      settings: {
        base_model: { base_type: "BASE_TYPE_CHAT" },
        dataset_id: datasetId,
        hyperparameters: { train_epochs: 1 },
      },
    });
    await admin.clearRequests();
    const { id } = await provider.create({ ...inputs, waitForReady: false });
    expect(id).not.toBe((otherKey.body.finetuned_model as { id: string }).id);
    expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(1);
    expect(logged.join("\n")).toMatch(
      /was created for this resource under another stack key .* not taken over/,
    );
  });

  it("leaves an interrupted create trained otherwise than declared to a person, and trains anew", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider);
    await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: pendingName(inputs.autoNameScope!, "bot"),
      settings: {
        base_model: { base_type: "BASE_TYPE_CHAT" },
        dataset_id: datasetId,
        hyperparameters: { train_epochs: 5 },
      },
    });
    await admin.clearRequests();
    await provider.create(inputs);
    expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(1);
    expect(logged.join("\n")).toMatch(
      /is an interrupted create of this resource with other settings; it is not taken over/,
    );
    expect(await admin.models()).toHaveLength(2);
  });

  it("lists the account once per provider process, however many models it creates", async () => {
    const provider = configuredProvider();
    const created = await Promise.all(
      [1, 2, 3].map(async (epochs) =>
        provider.create(
          await checked(provider, {
            // Waits list the account too (one watcher reads every model waited for): this counts the lookup.
            waitForReady: false,
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
    // One key check at the first check, one lookup of interrupted creates.
    expect(countRequests(requests, "GET", /finetuned-models$/)).toBe(2);
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

  it("retries 429 honouring Retry-After, and 503, and still creates exactly one model", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { name: "patient" });
    await admin.setFaults({
      rate_429: 0.3,
      rate_503: 0.3,
      retry_after_seconds: 1,
      methods: ["GET"],
      seed: 11,
    });
    const { id } = await provider.create(inputs);
    await admin.setFaults({});
    const requests = await admin.requests();
    const limited = requests.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(requests.filter((r) => r.status === 503).length).toBeGreaterThan(0);
    for (const answer of limited) {
      // The retry of a 429 comes no sooner than its Retry-After (1 s), whatever the client's own backoff (10 ms).
      const retry = requests.find(
        (r) => r.path === answer.path && Date.parse(r.time) > Date.parse(answer.time),
      );
      if (retry) expect(Date.parse(retry.time) - Date.parse(answer.time)).toBeGreaterThanOrEqual(950);
    }
    expect((await admin.models()).map((m) => m.id)).toEqual([id]);
  }, 60_000);

  it.each([
    [
      "the answer was lost after the model was made",
      { drop_after_processing_rate: 1 },
      "dropped_after_processing",
    ],
    ["a gateway answered 502 after the model was made", { processed_then_502_rate: 1 }, "processed_then_502"],
    [
      "the model is listed only seconds after its create (a slow commit) and the answer was a 502",
      { processed_then_502_rate: 1, visibility_delay_ms: 1500 },
      "processed_then_502",
    ],
  ] as Array<[string, Partial<FaultConfig>, RequestFault]>)(
    "never sends a second create when %s",
    async (_title, faults, fault) => {
      const provider = configuredProvider(testApiKey, { createVisibilityMs: 10_000 });
      for (const name of [undefined, "explicit-name"]) {
        await admin.clearRequests();
        const inputs = await checked(provider, { name });
        await admin.setFaults({ ...faults, methods: ["POST"], seed: 1 });
        const attempt = provider.create(inputs);
        // Only the create is faulted: lift the fault once the POST has been answered.
        await waitFor(async () =>
          (await admin.requests()).some((r) => r.method === "POST" && r.fault === fault),
        );
        await admin.setFaults(
          faults.visibility_delay_ms ? { visibility_delay_ms: faults.visibility_delay_ms } : {},
        );
        const { id } = await attempt;
        await admin.setFaults({});
        expect((await admin.models()).filter((m) => m.id === id)).toHaveLength(1);
        expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(1);
        expect(logged.join("\n")).toMatch(/the create had gone through/);
      }
      expect(await admin.models()).toHaveLength(2);
    },
    60_000,
  );

  it("a rename sends no wandb key: the key goes only into the request that starts a training", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, {
      name: "named",
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId,
        wandb: { project: "p", apiKey: wandbKey },
      },
    });
    const { id, outs } = await provider.create(inputs);
    await provider.update(id, outs as FinetunedModelOutputs, { ...inputs, name: "renamed" });
    const requests = await admin.requests();
    const [create] = requests.filter((r) => r.method === "POST" && /finetuned-models$/.test(r.path));
    expect(create.body).toMatchObject({ settings: { wandb: { api_key: "[REDACTED]" } } });
    const [rename] = requests.filter((r) => r.method === "PATCH");
    expect(rename.body).toMatchObject({ name: "renamed" });
    expect(JSON.stringify(rename.body)).not.toContain("api_key");
  });

  it.each(["STATUS_PAUSED", "STATUS_TEMPORARILY_OFFLINE"])(
    "a wait ends when Cohere puts the model in %s, keeping it in state, without waiting for the deadline",
    async (status) => {
      const provider = configuredProvider();
      const inputs = await checked(provider, { timeouts: { create: "10m", update: "10m" } });
      const { id, outs } = await provider.create({ ...inputs, waitForReady: false });
      await admin.forceStatus(id, status as "STATUS_PAUSED");
      const started = Date.now();
      const error = await provider.update(id, outs as FinetunedModelOutputs, inputs).catch((e) => e);
      expect(error).toBeInstanceOf(ResourceInitError);
      expect(error.message).toMatch(new RegExp(`is ${status} at Cohere, where no training runs`));
      expect(Date.now() - started).toBeLessThan(5_000);

      // Refresh records the status; a later update (a wandb-only change, say) then makes no call at all.
      const refreshed = await provider.read(id, error.properties);
      await admin.clearRequests();
      await provider.update(id, refreshed.props as FinetunedModelOutputs, { ...inputs, waitForReady: true });
      expect(await admin.requests()).toEqual([]);
    },
  );

  it("a model deleted while Pulumi waits for it ends the wait with an error, not at the deadline", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { timeouts: { create: "10m" } });
    const created = provider.create(inputs);
    await waitFor(async () => (await admin.models()).length === 1);
    await admin.forceStatus((await admin.models())[0].id as string, "STATUS_DELETED");
    await expect(created).rejects.toThrow(/was deleted at Cohere while Pulumi waited for it/);
  });

  it("read records what Cohere reports the model was trained with, and says when it differs from the spec", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { name: "drifting" });
    const { id, outs } = await provider.create(inputs);
    const model = (await admin.models())[0];
    await admin.replaceSettings(id, { ...model.settings, hyperparameters: { train_epochs: 4 } });
    await admin.clearRequests();
    const read = await provider.read(id, outs as FinetunedModelOutputs);
    expect((read.props as FinetunedModelOutputs).trainedSettings?.hyperparameters).toEqual({
      trainEpochs: 4,
    });
    expect(logged.join("\n")).toContain(
      "was trained otherwise than declared: settings.hyperparameters.trainEpochs is 4 at Cohere, 1 in the spec",
    );
    expect(countRequests(await admin.requests(), "GET", /training-step-metrics$/)).toBe(0);
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

  it("a gated model whose metrics could not be read is neither passed nor failed: the next update reads them", async () => {
    const provider = configuredProvider();
    const inputs = await checked(provider, { name: "gated", qualityGate: { minAccuracy: 0 } });
    const { id, outs } = await provider.create(inputs);
    const { trainingMetrics, trainingSteps, ...unread } = outs as FinetunedModelOutputs;
    expect(trainingMetrics?.accuracy).toEqual(expect.any(Number));

    await admin.setFaults({ rate_503: 1, methods: ["GET"] });
    const error = await provider.update(id, unread, inputs).catch((e) => e);
    await admin.setFaults({});
    expect(error).toBeInstanceOf(ResourceInitError);
    expect(error.id).toBe(id);
    expect(error.message).toMatch(/could not read the training metrics of model gated .*quality gate/);
    expect(error.message).not.toMatch(/reported no accuracy/);

    await admin.clearRequests();
    const updated = await provider.update(id, unread, inputs);
    expect(updated.outs).toMatchObject({ trainingMetrics, trainingSteps });
    expect(countRequests(await admin.requests(), "GET", /training-step-metrics$/)).toBe(1);
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

  it("never deletes a model that a create of the same run adopted (`up --replace` of an adopted model)", async () => {
    const existing = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: "made-by-hand",
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
    });
    const existingId = (existing.body.finetuned_model as { id: string }).id;
    const provider = configuredProvider();
    const { id } = await provider.create(await checked(provider, { adoptModelId: existingId }));
    // The engine deletes the replaced resource's id after the replacement's create: here, the same model.
    await provider.delete(id);
    expect(await admin.models()).toEqual([
      expect.objectContaining({ id: existingId, status: "STATUS_READY" }),
    ]);
    expect(logged.join("\n")).toContain(`model ${existingId} is kept, not deleted`);
    await configuredProvider().delete(id);
    expect(await admin.models()).toEqual([]);
  });

  it("a wrong API key is an authentication error that does not contain the key", async () => {
    const wrongKey = "wrong-key-abcdef-123456";
    const provider = configuredProvider(wrongKey);
    const inputs = { ...(await checked(configuredProvider())), autoNameScope: "it/wrong-key" };
    const error = await provider.create(inputs).catch((e) => e);
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toMatch(/cohere:apiKey/);
    expect(`${error.message} ${error.stack} ${JSON.stringify(error)}`).not.toContain(wrongKey);
  });

  it("without any API key the first operation says how to set one", async () => {
    const saved = process.env.CO_API_KEY;
    delete process.env.CO_API_KEY;
    const provider = new FinetunedModelProvider(testHostContext());
    await expect(provider.read("x", {} as FinetunedModelOutputs)).rejects.toThrow(
      /cohere:apiKey.*CO_API_KEY/,
    );
    if (saved !== undefined) process.env.CO_API_KEY = saved;
  });
});

async function waitFor(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 2000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error("condition not reached");
}
