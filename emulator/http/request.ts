import type { FastifyRequest } from "fastify";
import { parsePageRequest, type PageRequest } from "../backend/pagination";

export function pathParam(request: FastifyRequest, name: string): string {
  return (request.params as Record<string, string>)[name] ?? "";
}

export function queryOf(request: FastifyRequest): Record<string, unknown> {
  return (request.query as Record<string, unknown>) ?? {};
}

export function pageRequestOf(request: FastifyRequest): PageRequest {
  const query = queryOf(request);
  return parsePageRequest(query.page_size, query.page_token, query.order_by);
}

export function pathWithoutQuery(url: string): string {
  const index = url.indexOf("?");
  return index === -1 ? url : url.slice(0, index);
}
