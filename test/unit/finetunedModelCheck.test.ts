import { FinetunedModelProvider } from "../../provider/providers";
import { configured } from "../support/configuredProvider";
import { ScriptedServer, startScriptedServer } from "./cohere/scriptedServer";
import { testHostContext } from "../support/hostContext";

const spec = (overrides: Record<string, unknown> = {}) => ({
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: "ds-1",
    hyperparameters: { trainEpochs: 1 },
  },
  resourceName: "support-bot",
  autoNameScope: "proj/dev",
  ...overrides,
});

describe("FinetunedModelProvider.check", () => {
  let server: ScriptedServer;
  beforeAll(async () => {
    // Answers a dataset lookup (what a create's cost estimate reads) and records every request.
    server = await startScriptedServer([
      (_req, res) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(
          JSON.stringify({
            dataset: {
              id: "ds-1",
              name: "d",
              dataset_type: "chat-finetune-input",
              validation_status: "validated",
              metrics: { finetune_dataset_metrics: { trainable_token_count: 1200 } },
            },
          }),
        );
      },
    ]);
  });
  afterAll(() => server.close());
  beforeEach(() => server.requests.splice(0));
  let log: jest.SpyInstance;
  beforeEach(() => (log = jest.spyOn(console, "log").mockImplementation(() => {})));
  afterEach(() => log.mockRestore());

  it("plans a training without touching the test process's signals: the queue is the test's own", async () => {
    const listeners = process.listenerCount("SIGINT");
    const provider = configured(new FinetunedModelProvider(testHostContext()), server.url);
    await provider.check({}, spec());
    expect(process.listenerCount("SIGINT")).toBe(listeners);
  });

  it("leaves an omitted name to the create, which chooses it, and keeps a declared one", async () => {
    const provider = configured(new FinetunedModelProvider(testHostContext()), server.url);
    expect((await provider.check({}, spec())).inputs).toEqual(spec());
    expect((await provider.check({}, spec({ name: "my-model" }))).inputs.name).toBe("my-model");
  });

  it("treats a declared null as not declared, so nothing compares or sends it", async () => {
    const provider = configured(new FinetunedModelProvider(testHostContext()), server.url);
    const declared = spec({
      name: null,
      qualityGate: null,
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT", name: null },
        datasetId: "ds-1",
        hyperparameters: { trainEpochs: 1, learningRate: null },
        multiLabel: null,
      },
    });
    const { inputs, failures } = await provider.check({}, declared);
    expect(failures).toBeUndefined();
    expect(inputs).toEqual(spec());
  });

  it("reports failures with property paths and makes no API call", async () => {
    const provider = configured(new FinetunedModelProvider(testHostContext()), server.url);
    const { failures } = await provider.check({}, spec({ settings: { baseModel: {}, datasetId: "" } }));
    expect(failures!.map((f) => f.property).sort()).toEqual([
      "settings.baseModel.baseType",
      "settings.datasetId",
    ]);
    expect(server.requests).toEqual([]);
  });

  it("makes no API call for a resource that already exists", async () => {
    const provider = configured(new FinetunedModelProvider(testHostContext()), server.url);
    await provider.check(spec({ name: "support-bot-1a2b3c4d" }), spec());
    expect(server.requests).toEqual([]);
  });

  it("checks the key once and reads the dataset once to announce what a new model's training will process", async () => {
    const provider = configured(new FinetunedModelProvider(testHostContext()), server.url);
    const log = jest.spyOn(console, "log").mockImplementation(() => {});
    try {
      await provider.check(
        {},
        spec({ settings: { ...spec().settings, hyperparameters: { trainEpochs: 3 } } }),
      );
      await provider.check({}, spec());
      expect(server.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /v1/finetuning/finetuned-models",
        "GET /v1/datasets/ds-1",
      ]);
      expect(log).toHaveBeenCalledWith(
        "cohere: support-bot: starts a training of 1,200 trainable tokens × 3 epochs = 3,600 tokens (a new model)",
      );
    } finally {
      log.mockRestore();
    }
  });
});
