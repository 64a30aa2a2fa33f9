/**
 * The plugin's gRPC server as the engine talks to it: real gRPC in, real HTTP to the emulator out. What the
 * end-to-end tests cannot see cheaply is pinned here: Configure reaching the client, secrets kept wrapped, the
 * detailed diff, partial failures carrying the model, Cancel ending a wait.
 */
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { PluginServer, providerService } from "../../provider/plugin/server";
import { stackKey } from "../../provider/lifecycle/stackKey";
import { pendingName } from "../../provider/finetunedModel/pendingName";
import { isSecret, secret } from "../../provider/plugin/secrets";
import { startTestEmulator, testApiKey } from "../support/emulator";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import { testHostContext } from "../support/hostContext";

const modelUrn = (name: string) => `urn:pulumi:dev::yaml-project::cohere:index:FinetunedModel::${name}`;
const wandbKey = "wandb-key-never-in-state-7";
let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
let server: grpc.Server;
let client: provrpc.ResourceProviderClient;
let datasetId: string;

type Done<Res> = (error: grpc.ServiceError | null, response: Res) => void;
function call<Res>(invoke: (done: Done<Res>) => unknown): Promise<Res> {
  return new Promise((resolve, reject) =>
    invoke((error, response) => (error ? reject(error) : resolve(response))),
  );
}
const struct = (value: Record<string, unknown>) => Struct.fromJavaScript(value as never);

async function configure(args: Record<string, unknown>, providerId?: string): Promise<void> {
  const request = new provproto.ConfigureRequest().setArgs(struct(args));
  if (providerId) request.setId(providerId);
  await call((done: Done<provproto.ConfigureResponse>) => client.configure(request, done));
}

async function check(urn: string, news: Record<string, unknown>, olds: Record<string, unknown> = {}) {
  const response = await call((done: Done<provproto.CheckResponse>) =>
    client.check(new provproto.CheckRequest().setUrn(urn).setOlds(struct(olds)).setNews(struct(news)), done),
  );
  return {
    inputs: response.getInputs()!.toJavaScript() as Record<string, unknown>,
    failures: response.getFailuresList().map((failure) => [failure.getProperty(), failure.getReason()]),
  };
}

const modelInputs = (extra: Record<string, unknown> = {}) => ({
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId,
    hyperparameters: { trainEpochs: 1 },
    wandb: { project: "bots", apiKey: secret(wandbKey) },
  },
  ...extra,
});

beforeAll(async () => {
  emulator = await startTestEmulator({ trainingMs: 300 });
});
afterAll(async () => emulator.close());
// A server per test, with a host context of its own: a Cancel ends the waits of its test alone.
beforeEach(async () => {
  server = new grpc.Server();
  server.addService(
    providerService,
    new PluginServer(
      checkoutRelease(),
      undefined,
      testHostContext({ judgePlan: "atEachCheck" }),
    ).implementation(),
  );
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  client = new provrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
  await emulator.admin.reset();
  datasetId = await emulator.admin.createChatDataset();
  await emulator.admin.clearRequests();
  jest.spyOn(console, "log").mockImplementation(() => undefined);
});
afterEach(() => {
  client.close();
  server.forceShutdown();
});
afterEach(() => jest.restoreAllMocks());

describe("the cohere plugin's gRPC server", () => {
  it("on Cancel ends a training's wait with a partial failure that records the model", async () => {
    const slow = await startTestEmulator({ trainingMs: 600_000 });
    try {
      datasetId = await slow.admin.createChatDataset();
      await configure({ apiKey: testApiKey, baseUrl: slow.url });
      const { inputs } = await check(modelUrn("slow"), modelInputs());
      const creating = call((done: Done<provproto.CreateResponse>) =>
        client.create(
          new provproto.CreateRequest().setUrn(modelUrn("slow")).setProperties(struct(inputs)),
          done,
        ),
      );
      while ((await slow.admin.models()).length === 0)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await call((done: Done<Empty>) => client.cancel(new Empty(), done));
      const error = (await creating.catch((failure: grpc.ServiceError) => failure)) as grpc.ServiceError;
      expect(error.details).toMatch(/cancelled/);
      const status = statusproto.Status.deserializeBinary(
        error.metadata.get("grpc-status-details-bin")[0] as Buffer,
      );
      const detail = provproto.ErrorResourceInitFailed.deserializeBinary(
        status.getDetailsList()[0].getValue_asU8(),
      );
      expect(detail.getId()).toBe((await slow.admin.models())[0].id);
      expect(detail.getProperties()!.toJavaScript()).toMatchObject({
        status: expect.stringMatching(/QUEUED|FINETUNING/),
      });
    } finally {
      await slow.close();
    }
  });

  it("uses the API key and base URL of Configure's arguments, sent secret as an explicit provider's are", async () => {
    await configure({ apiKey: secret(testApiKey), baseUrl: emulator.url, allowRetrain: "true" });
    const { inputs } = await check(modelUrn("bot"), modelInputs());
    const response = await call((done: Done<provproto.CreateResponse>) =>
      client.create(
        new provproto.CreateRequest().setUrn(modelUrn("bot")).setProperties(struct(inputs)).setTimeout(60),
        done,
      ),
    );
    const outs = response.getProperties()!.toJavaScript() as Record<string, unknown>;
    expect(outs.status).toBe("STATUS_READY");
    expect(outs.name).toMatch(/^bot-[0-9a-f]{8}$/);
    const requests = await emulator.admin.requests();
    expect(requests.filter((request) => request.method === "POST")).toHaveLength(1);
  });

  it("refuses a Configure whose settings are malformed, naming the setting", async () => {
    await expect(configure({ apiKey: testApiKey, allowRetrain: "sometimes" })).rejects.toThrow(
      /cohere:allowRetrain must be true or false/,
    );
  });

  it("keeps the W&B key secret in Check's inputs even when the program sent it plain, and never outputs it", async () => {
    await configure({ apiKey: testApiKey, baseUrl: emulator.url });
    const plain = modelInputs();
    (plain.settings.wandb as Record<string, unknown>).apiKey = wandbKey;
    const { inputs } = await check(modelUrn("bot"), plain);
    const wandb = (inputs.settings as { wandb: Record<string, unknown> }).wandb;
    expect(isSecret(wandb.apiKey)).toBe(true);
    const response = await call((done: Done<provproto.CreateResponse>) =>
      client.create(
        new provproto.CreateRequest().setUrn(modelUrn("bot")).setProperties(struct(inputs)),
        done,
      ),
    );
    expect(JSON.stringify(response.getProperties()!.toJavaScript())).not.toContain(wandbKey);
  });

  it("reports a bad input at Check with its property path, before any API call", async () => {
    await configure({ apiKey: testApiKey, baseUrl: emulator.url });
    const { failures } = await check(
      modelUrn("bot"),
      modelInputs({
        settings: {
          baseModel: { baseType: "BASE_TYPE_CHAT" },
          datasetId,
          hyperparameters: { trainEpochs: 99 },
        },
      }),
    );
    expect(failures).toEqual([
      ["settings.hyperparameters.trainEpochs", expect.stringMatching(/must be between 1 and 10, got 99/)],
    ]);
    expect(await emulator.admin.requests()).toHaveLength(0);
  });

  it("answers Diff with a detailed diff: the hyperparameter that retrains, by its path", async () => {
    await configure({ apiKey: testApiKey, baseUrl: emulator.url });
    const { inputs } = await check(modelUrn("bot"), modelInputs());
    const created = await call((done: Done<provproto.CreateResponse>) =>
      client.create(
        new provproto.CreateRequest().setUrn(modelUrn("bot")).setProperties(struct(inputs)),
        done,
      ),
    );
    const changed = modelInputs();
    changed.settings.hyperparameters = { trainEpochs: 2 };
    const news = (await check(modelUrn("bot"), changed, inputs)).inputs;
    const response = await call((done: Done<provproto.DiffResponse>) =>
      client.diff(
        new provproto.DiffRequest()
          .setUrn(modelUrn("bot"))
          .setId(created.getId())
          .setOlds(created.getProperties()!)
          .setNews(struct(news)),
        done,
      ),
    );
    expect(response.getChanges()).toBe(provproto.DiffResponse.DiffChanges.DIFF_SOME);
    expect(response.getReplacesList()).toEqual(["settings"]);
    const detailed = Object.fromEntries(
      response
        .getDetaileddiffMap()
        .getEntryList()
        .map(([path, diff]) => [path, (diff as unknown as number[])[0]]),
    );
    expect(detailed).toEqual({
      "settings.hyperparameters.trainEpochs": provproto.PropertyDiff.Kind.UPDATE_REPLACE,
    });
  });

  it("gives an in-flight create the dynamic resources' pending name, whichever provider instance runs it", async () => {
    const pendingNameOf = async (providerId: string) => {
      await emulator.admin.clearRequests();
      await configure({ apiKey: testApiKey, baseUrl: emulator.url }, providerId);
      const { inputs } = await check(modelUrn("bot"), modelInputs());
      await call((done: Done<provproto.CreateResponse>) =>
        client.create(
          new provproto.CreateRequest().setUrn(modelUrn("bot")).setProperties(struct(inputs)),
          done,
        ),
      );
      const post = (await emulator.admin.requests()).find((request) => request.method === "POST")!;
      return (post.body as { name: string }).name;
    };
    // This checkout's own `Pulumi.dev.yaml` (the demo stack's) holds a passphrase salt: the stack's key.
    const expected = pendingName("yaml-project/dev", "bot", stackKey("dev"));
    expect(expected).not.toBe(pendingName("yaml-project/dev", "bot"));
    expect(await pendingNameOf("8b43a87f-d6de-4047-9cae-2f26744fc3ce")).toBe(expected);
    // A new version of the plugin is a new default provider, with a new id: a create it left must still be found.
    expect(await pendingNameOf("0c1b4a5e-1f7e-4a53-9d0b-2b6f4e9a7c11")).toBe(expected);
  });

  it("honours the engine's timeout for a create: the wait ends, and the model is recorded, not orphaned", async () => {
    const slow = await startTestEmulator({ trainingMs: 600_000 });
    try {
      datasetId = await slow.admin.createChatDataset();
      await configure({ apiKey: testApiKey, baseUrl: slow.url });
      const { inputs } = await check(modelUrn("timed"), modelInputs());
      const error = (await call((done: Done<provproto.CreateResponse>) =>
        client.create(
          new provproto.CreateRequest().setUrn(modelUrn("timed")).setProperties(struct(inputs)).setTimeout(1),
          done,
        ),
      ).catch((failure: grpc.ServiceError) => failure)) as grpc.ServiceError;
      expect(error.details).toMatch(
        /timed out after 1s waiting for model .* the next `pulumi up` resumes waiting/,
      );
      expect(error.metadata.get("grpc-status-details-bin")).toHaveLength(1);
    } finally {
      await slow.close();
    }
  });
});
