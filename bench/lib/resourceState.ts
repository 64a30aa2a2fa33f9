/** What the dynamic resources of one type cost in state, from `pulumi stack export` (scripts/lib/stateFigures.ts). */
import { stateFigures } from "../../scripts/lib/stateFigures";
import { mean, round } from "./statistics";

export const FINETUNED_MODEL_TYPE = { module: "pulumi-nodejs:dynamic/cohere:", type: "FinetunedModel" };
export const DO_NOTHING_TYPE = { module: "pulumi-nodejs:dynamic/bench:", type: "DoNothing" };

export interface ResourceState {
  resources: number;
  /** One resource entry as compact JSON. */
  resourceBytes: { mean: number; min: number; max: number };
  /** Its `__provider` input, the module text of its provider (stored again among the outputs); the largest. */
  providerBytes: number;
  /** The whole export as printed. */
  exportBytes: number;
}

export function resourceState(exported: string, of: { module: string; type: string }): ResourceState {
  const figures = stateFigures(exported, of.module).filter((figure) => figure.type === of.type);
  if (figures.length === 0) throw new Error(`the exported state holds no ${of.module}${of.type}`);
  const sizes = figures.map((figure) => figure.stateBytes);
  return {
    resources: figures.length,
    resourceBytes: { mean: round(mean(sizes)), min: Math.min(...sizes), max: Math.max(...sizes) },
    providerBytes: Math.max(...figures.map((figure) => figure.providerBytes)),
    exportBytes: Buffer.byteLength(exported),
  };
}
