/**
 * What the engine sends a policy pack that @pulumi/policy 1.21.0 does not pass on to policies
 * (pulumi/pulumi-policy#241): the stack's config, which of it is secret, and which resource inputs were secrets.
 * They are read off the decoded gRPC requests, by wrapping the getters @pulumi/policy itself calls on them: the
 * stack's config when it reads the tags of ConfigureStack, a resource's secret paths when it reads Analyze's inputs.
 */
import { AnalyzeRequest, AnalyzerStackConfigureRequest } from "@pulumi/pulumi/proto/analyzer_pb";

/** How the engine marks a secret in a property struct (sdk/go/common/resource/sig). */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

let stackConfig = new Map<string, string>();
let secretConfigKeys = new Set<string>();
const secretPathsByUrn = new Map<string, string[]>();

/** A value of the stack's config (`cohere:allowRetrain`), as text; undefined until the engine configured the stack. */
export function stackConfigValue(key: string): string | undefined {
  return stackConfig.get(key);
}

/** Values of the stack's config that are not secret: what `Pulumi.<stack>.yaml` holds in clear. */
export function plainConfigValues(): string[] {
  return [...stackConfig].filter(([key]) => !secretConfigKeys.has(key)).map(([, value]) => value);
}

/** The input paths of a resource whose value was a secret, as of its last Analyze request. */
export function secretInputPaths(urn: string): readonly string[] {
  return secretPathsByUrn.get(urn) ?? [];
}

/** The dotted paths of the secret values in a struct the engine sent, as plain JSON. */
export function secretPaths(value: unknown, path = ""): string[] {
  if (value === null || typeof value !== "object") return [];
  const record = value as Record<string, unknown>;
  if (record[signatureKey] === secretSignature) return [path];
  return Object.entries(record).flatMap(([key, item]) => secretPaths(item, path ? `${path}.${key}` : key));
}

export function recordEngineRequests(): void {
  const getTagsMap = AnalyzerStackConfigureRequest.prototype.getTagsMap;
  AnalyzerStackConfigureRequest.prototype.getTagsMap = function (
    this: AnalyzerStackConfigureRequest,
    ...args
  ) {
    stackConfig = new Map(this.getConfigMap().getEntryList());
    secretConfigKeys = new Set(this.getConfigSecretKeysList());
    return getTagsMap.apply(this, args);
  };

  const getProperties = AnalyzeRequest.prototype.getProperties;
  AnalyzeRequest.prototype.getProperties = function (this: AnalyzeRequest) {
    const properties = getProperties.call(this);
    secretPathsByUrn.set(this.getUrn(), secretPaths(properties?.toJavaScript()));
    return properties;
  };
}
