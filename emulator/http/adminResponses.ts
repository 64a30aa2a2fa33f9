import type { FastifyRequest } from "fastify";
import { rfc3339 } from "../backend/clock";
import { ApiError } from "../backend/errors";
import { parseFaultConfig } from "../faults";
import { STATUSES, isOneOf } from "../wire/enums";
import type { EmulatorContext } from "./context";
import { pathParam } from "./request";

/** The /_emulator control surface used by tests and benchmarks; unauthenticated and never faulted. */
export function adminResponses(context: EmulatorContext) {
  const { backend, faults, requestLog, logger } = context;
  const bodyOf = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;
  const clockView = () => ({ now: rfc3339(backend.clock.now()), offset_ms: backend.clock.offset });

  return {
    reset() {
      backend.reset();
      faults.reset();
      requestLog.clear();
      context.persist();
      logger.info("reset: models, datasets, faults and request log cleared");
      return {};
    },

    requests() {
      return { requests: requestLog.all() };
    },

    clearRequests() {
      requestLog.clear();
      return {};
    },

    faults() {
      return faults.config;
    },

    configureFaults(request: FastifyRequest) {
      faults.configure(parseFaultConfig(request.body));
      backend.models.markFailingTrainings();
      context.persist();
      logger.info(`faults configured: ${JSON.stringify(faults.config)}`);
      return faults.config;
    },

    forceStatus(request: FastifyRequest) {
      const status = bodyOf(request).status;
      if (!isOneOf(STATUSES, status)) throw new ApiError(400, `status must be one of ${STATUSES.join(", ")}`);
      const id = pathParam(request, "id");
      const view = backend.models.view(backend.models.forceStatus(id, status));
      context.persist();
      logger.info(`finetuned model ${id} forced to ${status}`);
      return { finetuned_model: view };
    },

    clock() {
      return clockView();
    },

    advanceClock(request: FastifyRequest) {
      const advance = bodyOf(request).advance_ms;
      if (typeof advance !== "number" || !Number.isFinite(advance) || advance < 0) {
        throw new ApiError(400, "advance_ms must be a non-negative number");
      }
      backend.clock.advance(advance);
      context.persist();
      logger.info(`clock advanced by ${advance}ms`);
      return clockView();
    },
  };
}
