/** Sorts the emulator's request log into the kinds of Cohere call the provider makes. */
import type { RequestLogEntry } from "../../emulator/index";

export const REQUEST_KINDS = [
  "create",
  "get",
  "list",
  "update",
  "delete",
  "metrics",
  "datasetUpload",
  "datasetGet",
  "other",
] as const;
export type RequestKind = (typeof REQUEST_KINDS)[number];
export type RequestCounts = Record<RequestKind | "total", number>;

const MODELS = "/v1/finetuning/finetuned-models";
const ONE_MODEL = /^\/v1\/finetuning\/finetuned-models\/[^/]+$/;
const STEP_METRICS = /^\/v1\/finetuning\/finetuned-models\/[^/]+\/training-step-metrics$/;
const DATASETS = "/v1/datasets";
const ONE_DATASET = /^\/v1\/datasets\/[^/]+$/;

export function requestKind({ method, path }: Pick<RequestLogEntry, "method" | "path">): RequestKind {
  if (path === MODELS) return method === "POST" ? "create" : method === "GET" ? "list" : "other";
  if (ONE_MODEL.test(path)) {
    if (method === "GET") return "get";
    if (method === "PATCH") return "update";
    if (method === "DELETE") return "delete";
  }
  if (STEP_METRICS.test(path) && method === "GET") return "metrics";
  if (path === DATASETS && method === "POST") return "datasetUpload";
  if (ONE_DATASET.test(path) && method === "GET") return "datasetGet";
  return "other";
}

export function countRequests(requests: Array<Pick<RequestLogEntry, "method" | "path">>): RequestCounts {
  const counts = Object.fromEntries([...REQUEST_KINDS, "total"].map((kind) => [kind, 0])) as RequestCounts;
  for (const request of requests) {
    counts[requestKind(request)]++;
    counts.total++;
  }
  return counts;
}

/** The kinds that occurred, e.g. "50 create, 120 get": zero counts and the total left out. */
export function describeCounts(counts: RequestCounts): string {
  return REQUEST_KINDS.filter((kind) => counts[kind] > 0)
    .map((kind) => `${counts[kind]} ${kind}`)
    .join(", ");
}
