import { performance } from "node:perf_hooks";
import { setTimeout as sleep } from "node:timers/promises";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { rfc3339 } from "../backend/clock";
import { FAULT_MESSAGES } from "../faults";
import { redactBody, redactQuery } from "../redact";
import type { RequestFault } from "../requestLog";
import { checkAuthorization } from "./auth";
import type { EmulatorContext } from "./context";
import { pathWithoutQuery, queryOf } from "./request";

/** The fault injected into each request still in flight; absent means none. */
const faultOf = new WeakMap<FastifyRequest, RequestFault>();
/** Requests whose connection the emulator cut on purpose; they are logged with status 0. */
const dropped = new WeakSet<FastifyRequest>();

const isApiRequest = (request: FastifyRequest) => request.url === "/v1" || request.url.startsWith("/v1/");

/**
 * The order matters: a request is tracked first (so even a dropped one reaches the log), then the
 * network-level faults apply as a gateway would, and only then is the caller authenticated.
 */
export function registerV1Hooks(app: FastifyInstance, context: EmulatorContext): void {
  app.addHook("onRequest", async (request, reply) => {
    if (!isApiRequest(request)) return;
    track(request, reply, context);
    const decision = context.faults.decide(request.method);
    if (decision.latencyMs > 0) await sleep(decision.latencyMs);
    if (decision.kind !== "none") faultOf.set(request, decision.kind);
    if (decision.kind === "dropped") {
      dropConnection(request);
      reply.hijack();
      return reply;
    }
    if (decision.kind === "status") {
      if (decision.status === 429) reply.header("Retry-After", String(decision.retryAfterSeconds));
      return reply.code(decision.status).send({ message: FAULT_MESSAGES[decision.status] });
    }
    checkAuthorization(request.headers.authorization, context.apiKey);
  });

  // The request has been processed by now; only its answer is lost or replaced.
  app.addHook("onSend", async (request, reply, payload) => {
    const fault = faultOf.get(request);
    if (fault === "dropped_after_processing") dropConnection(request);
    if (fault !== "processed_then_502") return payload;
    reply.code(502).type("application/json");
    return JSON.stringify({ message: FAULT_MESSAGES[502] });
  });
}

function dropConnection(request: FastifyRequest): void {
  dropped.add(request);
  request.raw.socket.destroy();
}

function track(request: FastifyRequest, reply: FastifyReply, context: EmulatorContext): void {
  const started = performance.now();
  const time = rfc3339(context.backend.clock.now());
  reply.raw.once("close", () => {
    const status = dropped.has(request) || !reply.raw.writableFinished ? 0 : reply.raw.statusCode;
    const durationMs = Math.round((performance.now() - started) * 1000) / 1000;
    const path = pathWithoutQuery(request.url);
    const query = redactQuery(queryOf(request), [context.apiKey]);
    const fault = faultOf.get(request) ?? "none";
    const client = request.headers["x-client-name"];
    const jsonBody = request.headers["content-type"]?.startsWith("application/json")
      ? request.body
      : undefined;
    context.requestLog.add({
      method: request.method,
      path,
      query,
      status,
      fault,
      ...(typeof client === "string" ? { client_name: client } : {}),
      ...(jsonBody === undefined ? {} : { body: redactBody(jsonBody, [context.apiKey]) }),
      time,
      duration_ms: durationMs,
    });
    if (context.logger.isEnabled) {
      const clientNote = typeof client === "string" ? ` client=${client}` : "";
      const faultNote = fault === "none" ? "" : ` fault=${fault}`;
      context.logger.info(
        `${request.method} ${request.url} -> ${status} ${durationMs}ms${clientNote}${faultNote}`,
      );
    }
    if (request.method !== "GET") context.persist();
  });
}
