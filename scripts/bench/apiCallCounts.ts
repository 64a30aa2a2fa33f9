/** Sorts the emulator's request log into the fine-tuning calls the provider makes. */
import type { RequestLogEntry } from "../../emulator/index";

export const CALL_KINDS = ["create", "get", "list", "update", "delete", "other"] as const;
export type CallKind = (typeof CALL_KINDS)[number];
export type CallCounts = Record<CallKind | "total", number>;

const COLLECTION = "/v1/finetuning/finetuned-models";
const ONE_MODEL = /^\/v1\/finetuning\/finetuned-models\/[^/]+$/;

export function callKind(request: Pick<RequestLogEntry, "method" | "path">): CallKind {
  const { method, path } = request;
  if (path === COLLECTION) return method === "POST" ? "create" : method === "GET" ? "list" : "other";
  if (!ONE_MODEL.test(path)) return "other";
  if (method === "GET") return "get";
  if (method === "PATCH") return "update";
  if (method === "DELETE") return "delete";
  return "other";
}

export function countCalls(requests: Array<Pick<RequestLogEntry, "method" | "path">>): CallCounts {
  const counts = Object.fromEntries([...CALL_KINDS, "total"].map((kind) => [kind, 0])) as CallCounts;
  for (const request of requests) {
    counts[callKind(request)]++;
    counts.total++;
  }
  return counts;
}

/** How the emulator answered: HTTP status, with 0 for a connection it cut. */
export function countStatuses(requests: Array<Pick<RequestLogEntry, "status">>): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const { status } of requests) counts[status] = (counts[status] ?? 0) + 1;
  return counts;
}
