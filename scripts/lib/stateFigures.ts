/**
 * What each of this package's resources costs in state, read from `pulumi stack export`; the bench reads its
 * do-nothing resources (another module of dynamic types) the same way.
 */

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

export function stateFigures(exported: string, typePrefix = dynamicTypePrefix): ResourceStateFigure[] {
  const resources: Array<{ urn: string; type: string; inputs?: { __provider?: string } }> =
    JSON.parse(exported).deployment.resources ?? [];
  return resources
    .filter((resource) => resource.type.startsWith(typePrefix))
    .map((resource) => ({
      name: resource.urn.slice(resource.urn.lastIndexOf("::") + 2),
      type: resource.type.slice(typePrefix.length),
      providerBytes: Buffer.byteLength(resource.inputs?.__provider ?? ""),
      stateBytes: Buffer.byteLength(JSON.stringify(resource)),
    }));
}
