/**
 * The provider plugin `cohere`: Pulumi's resource provider protocol over gRPC, served for programs of every
 * language by the same resource providers the dynamic resources use. Pulumi's own Node.js server
 * (`@pulumi/pulumi/provider`) never reads Configure's request and answers CheckConfig/DiffConfig UNIMPLEMENTED
 * (pulumi/pulumi#10915), so a provider on it would never see `cohere:apiKey`: this one serves the protocol itself.
 */
import * as grpc from "@grpc/grpc-js";
import { Empty } from "google-protobuf/google/protobuf/empty_pb";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { Any } from "google-protobuf/google/protobuf/any_pb";
import * as plugproto from "@pulumi/pulumi/proto/plugin_pb";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provproto from "@pulumi/pulumi/proto/provider_pb";
import * as statusproto from "@pulumi/pulumi/proto/status_pb";
import { CredentialsCheck } from "../lifecycle/credentialsCheck";
import { dynamicHostKeys } from "../lifecycle/dynamicHostProvider";
import { omit } from "../lifecycle/plainObjects";
import { HostContext, newHostContext } from "../lifecycle/hostContext";
import { printedOperationLog, withProgressSink } from "../lifecycle/report";
import { ResourceInitError } from "../lifecycle/resourceInitError";
import type { HostBookkeeping, TimeoutsSpec } from "../lifecycle/resourceProvider";
import type { CheckFailure } from "../lifecycle/rules";
import { EngineLog } from "./engineLog";
import { providerSettingKeys } from "../lifecycle/providerSettings";
import { checkProviderSettings, configuredConnection } from "./providerConfig";
import { ResourceProvider, resourceTypes, ResourceType } from "./resourceTypes";
import type { PluginRelease } from "./release";
import { packageSchema } from "./schema";
import { concealSecrets, Revealed, revealSecrets } from "./secrets";
import type { ServedImplementation } from "./servedMethods";
import { parseUrn } from "./urn";

type Properties = Record<string, unknown>;
type Handler<Req, Res> = (request: Req) => Promise<Res>;

/** One provider instance: its settings, and a provider per resource type with their caches. */
class Session {
  private readonly providers = new Map<string, ResourceProvider>();
  private readonly credentials = new CredentialsCheck();

  constructor(
    private readonly settings: Properties,
    private readonly context: HostContext,
  ) {}

  provider(token: string): { type: ResourceType; provider: ResourceProvider } {
    const type = resourceTypes[token];
    if (!type) throw new Error(`the cohere provider has no resource type ${token}`);
    let provider = this.providers.get(token);
    if (!provider) {
      provider = type.newProvider(this.context);
      provider.useConnection(configuredConnection(this.settings), this.credentials);
      this.providers.set(token, provider);
    }
    return { type, provider };
  }
}

export class PluginServer {
  private session: Session;

  /** `context`: this host's, one per plugin process. */
  constructor(
    private readonly release: PluginRelease,
    private readonly engine: EngineLog | undefined,
    private readonly context: HostContext,
  ) {
    this.session = new Session({}, context);
  }

  /** The service's handlers, each turning its request into the core's plain values and back. */
  implementation(): ServedImplementation {
    return {
      getPluginInfo: unary(async () => new plugproto.PluginInfo().setVersion(this.release.version)),
      getSchema: unary(async () =>
        new provproto.GetSchemaResponse().setSchema(JSON.stringify(packageSchema(this.release))),
      ),
      checkConfig: unary((request) => this.checkConfig(request)),
      diffConfig: unary((request) => this.diffConfig(request)),
      configure: unary((request) => this.configure(request)),
      check: unary((request) => this.check(request)),
      diff: unary((request) => this.diff(request)),
      create: unary((request) => this.create(request)),
      read: unary((request) => this.read(request)),
      update: unary((request) => this.update(request)),
      delete: unary((request) => this.delete(request)),
      // The engine also sends Cancel before it closes the plugin at the end of every operation.
      cancel: unary(async () => {
        this.context.trainingQueue.planEnded();
        this.context.cancellation.cancel();
        return new Empty();
      }),
      attach: unary(async () => new Empty()),
    };
  }

  private async checkConfig(request: provproto.CheckRequest): Promise<provproto.CheckResponse> {
    const news = revealSecrets(toPlain(request.getNews()));
    const inputs = concealSecrets(news.value, [...news.secretPaths, "apiKey"]);
    return checkResponse(inputs, checkProviderSettings(news.value));
  }

  private async diffConfig(request: provproto.DiffRequest): Promise<provproto.DiffResponse> {
    const olds = revealSecrets(toPlain(request.getOlds())).value;
    const news = revealSecrets(toPlain(request.getNews())).value;
    // A provider holds no state of its own: new settings apply to the next operation, nothing is replaced.
    const changed = providerSettingKeys.filter((key) => String(olds[key] ?? "") !== String(news[key] ?? ""));
    return new provproto.DiffResponse().setChanges(
      changed.length > 0
        ? provproto.DiffResponse.DiffChanges.DIFF_SOME
        : provproto.DiffResponse.DiffChanges.DIFF_NONE,
    );
  }

  private async configure(request: provproto.ConfigureRequest): Promise<provproto.ConfigureResponse> {
    const args = request.getArgs();
    const settings = args
      ? revealSecrets(toPlain(args)).value
      : Object.fromEntries(
          [...request.getVariablesMap().entries()].map(([key, value]) => [
            key.replace(/^cohere:(config:)?/, ""),
            value,
          ]),
        );
    const failures = checkProviderSettings(settings);
    if (failures.length > 0) throw new Error(failures.map((failure) => failure.reason).join("; "));
    this.session = new Session(settings, this.context);
    return new provproto.ConfigureResponse()
      .setAcceptsecrets(true)
      .setSupportspreview(false)
      .setAcceptresources(false)
      .setAcceptoutputs(false);
  }

  private async check(request: provproto.CheckRequest): Promise<provproto.CheckResponse> {
    const { urn, type, provider } = this.resource(request);
    const olds = recorded(request.getOlds()).value;
    const news = received(request.getNews());
    const declared = await type.prepare(news.value);
    const result = await this.within(urn, () => provider.check(olds, declared, bookkeeping(urn)));
    const inputs = concealSecrets(result.inputs ?? declared, [...news.secretPaths, ...type.secretInputs]);
    return checkResponse(inputs, result.failures ?? []);
  }

  private async diff(request: provproto.DiffRequest): Promise<provproto.DiffResponse> {
    const { urn, provider } = this.resource(request);
    const state = received(request.getOlds()).value;
    const olds = omit(state, dynamicHostKeys);
    const news = received(request.getNews()).value;
    const result = await this.within(urn, () => provider.diff(request.getId(), olds, news, bookkeeping(urn)));
    // A state moved over from the dynamic resources drops their host's keys in an update that calls nothing.
    const moved = dynamicHostKeys.filter((key) => key in state);
    const response = new provproto.DiffResponse()
      .setChanges(
        result.changes || moved.length > 0
          ? provproto.DiffResponse.DiffChanges.DIFF_SOME
          : provproto.DiffResponse.DiffChanges.DIFF_NONE,
      )
      .setReplacesList(result.replaces ?? [])
      .setHasdetaileddiff(true);
    const detailed = response.getDetaileddiffMap();
    for (const key of moved) {
      detailed.set(key, new provproto.PropertyDiff().setKind(provproto.PropertyDiff.Kind.DELETE));
    }
    for (const [path, kind] of Object.entries(result.changedPaths)) {
      detailed.set(path, propertyDiff(kind === "replace", true));
    }
    // A replacement the inputs do not explain (a model that ended FAILED) is shown by the output that causes it.
    for (const key of result.replaces ?? []) {
      if (!Object.keys(result.changedPaths).some((path) => path === key || path.startsWith(`${key}.`)))
        detailed.set(key, propertyDiff(true, false));
    }
    return response;
  }

  private async create(request: provproto.CreateRequest): Promise<provproto.CreateResponse> {
    const { urn, provider } = this.resource(request);
    const inputs = received(request.getProperties());
    const host = bookkeeping(urn, timeoutsFor("create", request.getTimeout()));
    const result = await this.within(urn, () => provider.create(inputs.value, host), inputs.secretPaths);
    return new provproto.CreateResponse()
      .setId(result.id)
      .setProperties(toStruct(stored(result.outs, inputs.secretPaths)));
  }

  private async read(request: provproto.ReadRequest): Promise<provproto.ReadResponse> {
    const { urn, provider } = this.resource(request);
    const props = recorded(request.getProperties());
    const inputs = recorded(request.getInputs());
    const secretPaths = [...props.secretPaths, ...inputs.secretPaths];
    const result = await this.within(urn, () => provider.read(request.getId(), props.value));
    if (!result.id) return new provproto.ReadResponse();
    // What the program declared, secrets included, stays the recorded inputs; an import records what Cohere has.
    const declared = Object.keys(inputs.value).length > 0 ? inputs.value : (result.inputs ?? {});
    return new provproto.ReadResponse()
      .setId(result.id)
      .setProperties(toStruct(stored(result.props ?? {}, secretPaths)))
      .setInputs(toStruct(stored(declared, inputs.secretPaths)));
  }

  private async update(request: provproto.UpdateRequest): Promise<provproto.UpdateResponse> {
    const { urn, provider } = this.resource(request);
    const olds = recorded(request.getOlds());
    const news = received(request.getNews());
    const secretPaths = [...olds.secretPaths, ...news.secretPaths];
    const host = bookkeeping(urn, timeoutsFor("update", request.getTimeout()));
    const result = await this.within(
      urn,
      () => provider.update(request.getId(), olds.value, news.value, host),
      secretPaths,
    );
    return new provproto.UpdateResponse().setProperties(toStruct(stored(result.outs ?? {}, secretPaths)));
  }

  private async delete(request: provproto.DeleteRequest): Promise<Empty> {
    const { urn, provider } = this.resource(request);
    const props = recorded(request.getProperties()).value;
    await this.within(urn, () => provider.delete(request.getId(), props));
    return new Empty();
  }

  /** The resource a request is about, and the provider of its type. */
  private resource(request: { getUrn(): string }) {
    const urn = request.getUrn();
    return { urn, ...this.session.provider(parseUrn(urn).type) };
  }

  /**
   * Runs a resource operation with its progress sent to the engine under its URN. A create or update that leaves
   * the object at Cohere (ResourceInitError) keeps its secrets secret in the partial state it records.
   */
  private async within<T>(urn: string, operation: () => Promise<T>, secretPaths: string[] = []): Promise<T> {
    const sink = this.engine ? (message: string) => this.engine!.info(urn, message) : undefined;
    try {
      return await (sink ? withProgressSink(sink, operation) : operation());
    } catch (error) {
      if (error instanceof ResourceInitError) {
        throw new ResourceInitError(
          error.message,
          error.id,
          stored(error.properties as Properties, secretPaths),
        );
      }
      throw error;
    }
  }
}

/** What the engine sent: its secrets taken off, their paths kept. */
function received(struct: Struct | undefined): Revealed<Properties> {
  return revealSecrets(toPlain(struct));
}

/** What the engine recorded: a dynamic resource's state moved over still has that host's keys, left out. */
function recorded(struct: Struct | undefined): Revealed<Properties> {
  const { value, secretPaths } = received(struct);
  return { value: omit(value, dynamicHostKeys), secretPaths };
}

/**
 * What the dynamic resources' classes record of a resource (lifecycle/resourceMetadata.ts), from its URN: a model
 * whose create a killed run left in flight is found again whichever of the two hosts, and whichever version of
 * the provider, runs next.
 */
function bookkeeping(urn: string, timeouts?: TimeoutsSpec): HostBookkeeping {
  const { project, stack, name } = parseUrn(urn);
  return { resourceName: name, autoNameScope: `${project}/${stack}`, timeouts };
}

/** The engine's timeout for this operation (customTimeouts), in seconds; 0 when none was set. */
function timeoutsFor(operation: "create" | "update", seconds: number): TimeoutsSpec | undefined {
  return seconds > 0 ? { [operation]: `${seconds}s` } : undefined;
}

function stored(outs: Properties, secretPaths: readonly string[]): Properties {
  return concealSecrets(outs, secretPaths);
}

function checkResponse(inputs: Properties, failures: CheckFailure[]): provproto.CheckResponse {
  return new provproto.CheckResponse()
    .setInputs(toStruct(inputs))
    .setFailuresList(
      failures.map((failure) =>
        new provproto.CheckFailure().setProperty(failure.property).setReason(failure.reason),
      ),
    );
}

function propertyDiff(replaces: boolean, inputDiff: boolean): provproto.PropertyDiff {
  return new provproto.PropertyDiff()
    .setKind(replaces ? provproto.PropertyDiff.Kind.UPDATE_REPLACE : provproto.PropertyDiff.Kind.UPDATE)
    .setInputdiff(inputDiff);
}

function toPlain(struct: Struct | undefined): Properties {
  return (struct?.toJavaScript() ?? {}) as Properties;
}

function toStruct(value: Properties): Struct {
  return Struct.fromJavaScript(JSON.parse(JSON.stringify(value)));
}

/**
 * Wraps a handler as a unary gRPC method. An error carrying an object's id (ResourceInitError) becomes the
 * engine's ErrorResourceInitFailed, so the object is recorded in state, never orphaned.
 */
function unary<Req, Res>(handler: Handler<Req, Res>): grpc.handleUnaryCall<Req, Res> {
  return (call, callback) => {
    handler(call.request).then(
      (response) => callback(null, response),
      (error: unknown) => callback(grpcError(error)),
    );
  };
}

function grpcError(error: unknown): grpc.ServiceError {
  const message = error instanceof Error ? error.message : String(error);
  const metadata = new grpc.Metadata();
  if (error instanceof ResourceInitError) {
    const detail = new provproto.ErrorResourceInitFailed()
      .setId(error.id)
      .setProperties(toStruct(error.properties as Properties))
      .setReasonsList(error.reasons);
    const packed = new Any();
    packed.pack(detail.serializeBinary(), "pulumirpc.ErrorResourceInitFailed");
    const status = new statusproto.Status().setCode(grpc.status.UNKNOWN).setMessage(message);
    status.addDetails(packed);
    metadata.add("grpc-status-details-bin", Buffer.from(status.serializeBinary()));
  }
  return Object.assign(new Error(message), { code: grpc.status.UNKNOWN, details: message, metadata });
}

export const providerService = provrpc.ResourceProviderService;

/** The provider service of a plugin process whose engine listens at `engineAddress`: its warnings go there. */
export function pluginImplementation(
  release: PluginRelease,
  engineAddress: string | undefined,
): ServedImplementation {
  const engine = engineAddress ? new EngineLog(engineAddress) : undefined;
  const operationLog = engine
    ? {
        warning: (message: string) => engine.warning(message),
        info: (message: string) => engine.operationInfo(message),
      }
    : printedOperationLog;
  const context = newHostContext({ operationLog, judgePlan: "atEachCheck" });
  return new PluginServer(release, engine, context).implementation();
}
