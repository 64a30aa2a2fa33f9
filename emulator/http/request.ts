import type { FastifyRequest } from "fastify";
import { invalidRequest } from "../backend/errors";

export function pathParam(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? "";
}

export function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query as Record<string, unknown>) ?? {};
}

/** A query parameter given at most once; absent and empty both read as undefined. */
export function singleValue(query: Record<string, unknown>, key: string): string | undefined {
  const value = query[key];
  if (value === undefined || value === "") return undefined;
  if (typeof value !== "string") throw invalidRequest(`${key} must be given once`);
  return value;
}

export function pathWithoutQuery(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? url : url.slice(0, index);
}
