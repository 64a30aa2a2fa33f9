/**
 * What a preview checks with Cohere before it promises a training, against the emulator: the API key (one read
 * per configured provider, never the key in a message, `skipCredentialsValidation` to turn it off) and the dataset
 * a training names (one read per dataset: missing or failed validation fails `settings.datasetId`, a known one
 * prices the training exactly). A resource that changes nothing makes no call.
 */
import { FinetunedModelProvider } from "../../provider/providers";
import type { FinetunedModelOutputs } from "../../provider/finetunedModel/types";
import { countRequests, startTestEmulator, testApiKey } from "../support/emulator";
import { testHostContext } from "../support/hostContext";

let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let datasetId: string;
let logged: string[];
let log: jest.SpyInstance;

function provider(config: Record<string, string> = {}): FinetunedModelProvider {
  const settings: Record<string, string> = {
    "cohere:apiKey": testApiKey,
    "cohere:baseUrl": emulator.url,
    ...config,
  };
  const configured = new FinetunedModelProvider(testHostContext());
  void configured.configure({ config: { get: (key: string) => settings[key] } });
  return configured;
}

const model = (overrides: { datasetId?: string; resourceName?: string; trainEpochs?: number } = {}) => ({
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: overrides.datasetId ?? datasetId,
    hyperparameters: { trainEpochs: overrides.trainEpochs ?? 2 },
  },
  resourceName: overrides.resourceName ?? "bot",
  autoNameScope: "it/preview-checks",
});

beforeAll(async () => {
  emulator = await startTestEmulator();
  datasetId = await emulator.admin.createChatDataset("preview-checks", 8);
});
afterAll(() => emulator.close());
beforeEach(async () => {
  await emulator.admin.clearRequests();
  logged = [];
  log = jest.spyOn(console, "log").mockImplementation((line: string) => void logged.push(line));
});
afterEach(() => log.mockRestore());

describe("a preview's checks with Cohere", () => {
  it("a new model: one key check and one dataset read, whatever the number of models; its cost exactly", async () => {
    const checking = provider();
    for (const name of ["a", "b", "c"]) {
      const { failures } = await checking.check({}, model({ resourceName: name }));
      expect(failures).toBeUndefined();
    }
    const requests = await emulator.admin.requests();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      "GET /v1/finetuning/finetuned-models",
      `GET /v1/datasets/${datasetId}`,
    ]);
    const { dataset } = (await emulator.admin.api("GET", `/v1/datasets/${datasetId}`)).body as {
      dataset: { metrics: { finetune_dataset_metrics: { trainable_token_count: number } } };
    };
    const trainable = dataset.metrics.finetune_dataset_metrics.trainable_token_count;
    expect(logged).toContain(
      `cohere: a: starts a training of ${trainable.toLocaleString("en-US")} trainable tokens × 2 epochs = ` +
        `${(trainable * 2).toLocaleString("en-US")} tokens (a new model)`,
    );
  });

  it("a wrong key fails the check naming where the key comes from, never the key, before any other call", async () => {
    const wrongKey = "wrong-key-preview-7c1e9a";
    const error = await provider({ "cohere:apiKey": wrongKey })
      .check({}, model())
      .catch((thrown: Error) => thrown);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^Cohere refuses the API key from the stack config cohere:apiKey/,
    );
    expect((error as Error).message).toContain("cohere:skipCredentialsValidation");
    expect(`${(error as Error).message} ${(error as Error).stack}`).not.toContain(wrongKey);
    expect(await emulator.admin.requests()).toHaveLength(1);

    const saved = process.env.CO_API_KEY;
    process.env.CO_API_KEY = wrongKey;
    try {
      const fromEnvironment = await provider({ "cohere:apiKey": "" })
        .check({}, model())
        .catch((thrown: Error) => thrown.message);
      expect(fromEnvironment).toMatch(/^Cohere refuses the API key from the CO_API_KEY environment variable/);
    } finally {
      if (saved === undefined) delete process.env.CO_API_KEY;
      else process.env.CO_API_KEY = saved;
    }
  });

  it("cohere:skipCredentialsValidation: true makes no key check", async () => {
    const { failures } = await provider({ "cohere:skipCredentialsValidation": "true" }).check({}, model());
    expect(failures).toBeUndefined();
    const requests = await emulator.admin.requests();
    expect(requests.map((request) => `${request.method} ${request.path}`)).toEqual([
      `GET /v1/datasets/${datasetId}`,
    ]);
  });

  it("a dataset id that does not exist fails settings.datasetId, at a create and at a retraining replacement", async () => {
    const missing = "0f5f8a3c-dead-4bee-8f00-000000000000";
    const checking = provider();
    const { failures } = await checking.check({}, model({ datasetId: missing }));
    expect(failures).toEqual([
      {
        property: "settings.datasetId",
        reason: `dataset ${missing} does not exist in the Cohere account of this API key: check the id`,
      },
    ]);

    const olds = { ...model(), name: "bot-1", status: "STATUS_READY" } as unknown as FinetunedModelOutputs;
    const news = model({ datasetId: missing, trainEpochs: 2 }) as never;
    await expect(checking.diff("model-1", olds, news)).rejects.toThrow(
      `settings.datasetId: dataset ${missing} does not exist`,
    );
    expect(countRequests(await emulator.admin.requests(), "POST", /./)).toBe(0);
  });

  it("a dataset that failed Cohere's validation fails settings.datasetId with Cohere's reason", async () => {
    const form = new FormData();
    form.append("data", new Blob(['{"messages": []}\n']), "train.jsonl");
    const response = await fetch(`${emulator.url}/v1/datasets?name=bad&type=chat-finetune-input`, {
      method: "POST",
      headers: { authorization: `Bearer ${testApiKey}` },
      body: form,
    });
    const { id } = (await response.json()) as { id: string };
    let status = "";
    for (let poll = 0; poll < 100 && status !== "failed"; poll++) {
      const { body } = await emulator.admin.api("GET", `/v1/datasets/${id}`);
      status = (body as { dataset: { validation_status: string } }).dataset.validation_status;
      if (status !== "failed") await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(status).toBe("failed");

    const { failures } = await provider().check({}, model({ datasetId: id }));
    expect(failures).toEqual([
      {
        property: "settings.datasetId",
        reason: expect.stringMatching(
          new RegExp(`^dataset ${id} failed Cohere's validation \\(.+\\): correct its file`),
        ),
      },
    ]);
  });

  it("a model that changes nothing makes no call", async () => {
    const checking = provider();
    const olds = { ...model(), name: "bot-1", status: "STATUS_READY" } as unknown as FinetunedModelOutputs;
    expect((await checking.diff("model-1", olds, model() as never)).changes).toBe(false);
    expect(await emulator.admin.requests()).toHaveLength(0);
  });
});
