/** What each of this package's resources costs in state, read from `pulumi stack export`. */

export interface ResourceStateFigure {
  /** The resource's name (the end of its URN). */
  name: string;
  type: string;
  /** The `__provider` input (stored again among the outputs). */
  providerBytes: number;
  /** The whole resource entry, compact JSON. */
  stateBytes: number;
}

const dynamicTypePrefix = "pulumi-nodejs:dynamic/cohere:";

export function stateFigures(exported: string): ResourceStateFigure[] {
  const resources: Array<{ urn: string; type: string; inputs?: { __provider?: string } }> =
    JSON.parse(exported).deployment.resources ?? [];
  return resources
    .filter((resource) => resource.type.startsWith(dynamicTypePrefix))
    .map((resource) => ({
      name: resource.urn.slice(resource.urn.lastIndexOf("::") + 2),
      type: resource.type.slice(dynamicTypePrefix.length),
      providerBytes: Buffer.byteLength(resource.inputs?.__provider ?? ""),
      stateBytes: Buffer.byteLength(JSON.stringify(resource)),
    }));
}
