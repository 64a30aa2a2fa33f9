/** Reads what `pulumi stack export` prints: the resources of one type and what they cost in bytes. */

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export function resourcesOfType(exported: string, type: string): StateResource[] {
  const state = JSON.parse(exported) as { deployment?: { resources?: StateResource[] } };
  return (state.deployment?.resources ?? []).filter((resource) => resource.type === type);
}

export interface StateBytes {
  resources: number;
  /** The whole export as printed, divided by the number of resources of the type. */
  exportBytesPerResource: number;
  /** One resource as compact JSON: mean, smallest and largest. */
  resourceBytes: { mean: number; min: number; max: number };
  /** `__provider` in inputs plus outputs, per resource (mean), as it is written in JSON. */
  providerBytes: { inputs: number; outputs: number; total: number };
  /** Share of a resource's bytes that is serialized provider code. */
  providerShare: number;
}

export function measureStateBytes(exported: string, type: string): StateBytes {
  const resources = resourcesOfType(exported, type);
  if (resources.length === 0) throw new Error(`the exported state holds no resource of type ${type}`);
  const sizes = resources.map(jsonBytes);
  const inputs = mean(resources.map((resource) => jsonBytes(resource.inputs?.__provider ?? "")));
  const outputs = mean(resources.map((resource) => jsonBytes(resource.outputs?.__provider ?? "")));
  const resourceMean = mean(sizes);
  return {
    resources: resources.length,
    exportBytesPerResource: Math.round(Buffer.byteLength(exported) / resources.length),
    resourceBytes: { mean: resourceMean, min: Math.min(...sizes), max: Math.max(...sizes) },
    providerBytes: { inputs, outputs, total: inputs + outputs },
    providerShare: round((inputs + outputs) / resourceMean, 3),
  };
}

function jsonBytes(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value));
}

function mean(values: number[]): number {
  return Math.round(values.reduce((sum, value) => sum + value, 0) / values.length);
}

export function round(value: number, digits: number): number {
  const scale = 10 ** digits;
  return Math.round(value * scale) / scale;
}
