/**
 * The host's bookkeeping (resource name, naming scope, timeouts) reaches the resource providers as its own
 * argument under both hosts, never among the inputs; the dynamic host's state keeps the keys it always had.
 */
import type * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import { FinetunedModelProvider as Core } from "../../provider/finetunedModel/provider";
import { ResourceInitError } from "../../provider/lifecycle/resourceInitError";
import { dynamicHostKeys } from "../../provider/lifecycle/dynamicHostProvider";
import { PluginServer } from "../../provider/plugin/server";
import { FinetunedModelProvider } from "../../provider/providers";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import { testHostContext } from "../support/hostContext";

const declared = {
  settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "ds-1" },
  waitForReady: false,
};
/** What a FinetunedModel's class sends the dynamic host beside the declared inputs. */
const hostKeys = {
  __provider: "exports.handler=()=>{}",
  timeouts: { create: "3h" },
  resourceName: "bot",
  autoNameScope: "proj/dev",
};
const bookkeeping = { resourceName: "bot", autoNameScope: "proj/dev", timeouts: { create: "3h" } };
const reported = { name: "bot-1", status: "STATUS_QUEUED", inferenceModelName: "m-1-ft" };

afterEach(() => jest.restoreAllMocks());

describe("the dynamic host's edge", () => {
  const provider = () => new FinetunedModelProvider(testHostContext());

  it("gives the provider's create the declared inputs, the bookkeeping apart, and records both as before", async () => {
    const create = jest
      .spyOn(Core.prototype, "create")
      .mockImplementation(async (inputs) => ({ id: "m-1", outs: { ...inputs, ...reported } }));
    const { outs } = await provider().create({ ...declared, ...hostKeys });
    expect(create).toHaveBeenCalledWith(declared, bookkeeping);
    expect(outs).toEqual({ ...declared, ...reported, ...hostKeys });
  });

  it("records the bookkeeping with a partial failure's object too", async () => {
    jest.spyOn(Core.prototype, "create").mockImplementation(async (inputs) => {
      throw new ResourceInitError("timed out", "m-1", { ...inputs, ...reported });
    });
    const error = await provider()
      .create({ ...declared, ...hostKeys })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResourceInitError);
    expect((error as ResourceInitError).properties).toEqual({ ...declared, ...reported, ...hostKeys });
  });

  it("keeps the bookkeeping out of check, diff, update, read and delete, and in what they return", async () => {
    const core = {
      check: jest.spyOn(Core.prototype, "check").mockResolvedValue({ inputs: declared }),
      diff: jest
        .spyOn(Core.prototype, "diff")
        .mockResolvedValue({ changes: false, replaces: [], changedPaths: {} }),
      update: jest.spyOn(Core.prototype, "update").mockResolvedValue({ outs: { ...declared, ...reported } }),
      read: jest
        .spyOn(Core.prototype, "read")
        .mockResolvedValue({ id: "m-1", props: reported, inputs: declared }),
      delete: jest.spyOn(Core.prototype, "delete").mockResolvedValue(),
    };
    const state = { ...declared, ...reported, ...hostKeys };
    const news = { ...declared, ...hostKeys };
    const host = provider();

    expect(await host.check(state, news)).toEqual({ inputs: news });
    expect(await host.diff("m-1", state, news)).toMatchObject({ changes: false });
    expect((await host.update("m-1", state, news)).outs).toEqual(state);
    expect(await host.read("m-1", state)).toEqual({
      id: "m-1",
      props: { ...reported, ...hostKeys },
      inputs: news,
    });
    await host.delete("m-1", state);

    const stateWithout = { ...declared, ...reported };
    expect(core.check).toHaveBeenCalledWith(stateWithout, declared, bookkeeping);
    expect(core.diff).toHaveBeenCalledWith("m-1", stateWithout, declared, bookkeeping);
    expect(core.update).toHaveBeenCalledWith("m-1", stateWithout, declared, bookkeeping);
    expect(core.read).toHaveBeenCalledWith("m-1", stateWithout);
    expect(core.delete).toHaveBeenCalledWith("m-1", stateWithout);
  });

  it("makes a change of customTimeouts alone an update, as the provider cannot see it", async () => {
    jest.spyOn(Core.prototype, "diff").mockResolvedValue({ changes: false, replaces: [], changedPaths: {} });
    const olds = { ...declared, ...reported, ...hostKeys };
    const news = { ...declared, ...hostKeys, timeouts: { create: "5h" } };
    expect(await provider().diff("m-1", olds, news)).toMatchObject({
      changes: true,
      changedPaths: { timeouts: "update" },
    });
  });

  it.each([
    ["a duration it cannot read", { create: "soon" }, "timeouts.create", "duration"],
    ["a key it does not know", { delete: "1m" }, "timeouts.delete", "not a known field"],
    ["not an object", "1h", "timeouts", "must be an object"],
  ])("fails check on customTimeouts with %s, naming the field", async (_, timeouts, property, reason) => {
    jest.spyOn(Core.prototype, "check").mockResolvedValue({ inputs: declared });
    const { failures } = await provider().check({}, { ...declared, ...hostKeys, timeouts });
    expect(failures).toEqual([{ property, reason: expect.stringContaining(reason) }]);
  });
});

describe("the plugin", () => {
  it("gives the provider's create the inputs as declared and the bookkeeping from the URN and the timeout", async () => {
    const create = jest
      .spyOn(Core.prototype, "create")
      .mockImplementation(async (inputs) => ({ id: "m-1", outs: { ...inputs, ...reported } }));
    const server = new PluginServer(checkoutRelease(), undefined, testHostContext()).implementation();
    const request = new provproto.CreateRequest()
      .setUrn("urn:pulumi:dev::proj::cohere:index:FinetunedModel::bot")
      .setProperties(Struct.fromJavaScript(declared))
      .setTimeout(10_800);
    const response = await new Promise<provproto.CreateResponse>((resolve, reject) =>
      server.create(
        { request } as grpc.ServerUnaryCall<provproto.CreateRequest, provproto.CreateResponse>,
        (e, r) => (e ? reject(e) : resolve(r!)),
      ),
    );
    expect(create).toHaveBeenCalledWith(declared, { ...bookkeeping, timeouts: { create: "10800s" } });
    const recorded = response.getProperties()!.toJavaScript();
    for (const key of dynamicHostKeys) expect(recorded).not.toHaveProperty(key);
  });
});
