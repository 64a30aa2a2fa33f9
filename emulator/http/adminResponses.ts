import type { FastifyRequest } from "fastify";
import { parseSettings } from "./finetuningRequests";
import { rfc3339 } from "../backend/clock";
import {
  parseClockAdvance,
  parseFaultConfig,
  parseForcedStatus,
  parseLastUsed,
  parseSeedModels,
} from "./adminRequests";
import type { EmulatorContext } from "./context";
import { pathParam } from "./request";

export interface ClockView {
  now: string;
  offset_ms: number;
}

/** The /_emulator control surface used by tests and benchmarks; unauthenticated and never faulted. */
export function adminResponses(context: EmulatorContext) {
  const { backend, faults, requestLog, logger } = context;
  const clockView = (): ClockView => ({ now: rfc3339(backend.clock.now()), offset_ms: backend.clock.offset });

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
      const status = parseForcedStatus(request.body);
      const id = pathParam(request, "id");
      const view = backend.models.view(backend.models.forceStatus(id, status));
      context.persist();
      logger.info(`finetuned model ${id} forced to ${status}`);
      return { finetuned_model: view };
    },

    /** What a model reports it was trained with, changed behind the API's back: drift, for clients to notice. */
    replaceSettings(request: FastifyRequest) {
      const id = pathParam(request, "id");
      const view = backend.models.view(backend.models.replaceSettings(id, parseSettings(request.body)));
      context.persist();
      logger.info(`finetuned model ${id} now reports other settings`);
      return { finetuned_model: view };
    },

    /** When the model last served inference: the emulator serves none, so a test says when. */
    markUsed(request: FastifyRequest) {
      const used = parseLastUsed(request.body);
      const id = pathParam(request, "id");
      const view = backend.models.view(backend.models.markUsed(id, used));
      context.persist();
      logger.info(`finetuned model ${id} last used at ${view.last_used}`);
      return { finetuned_model: view };
    },

    seedModels(request: FastifyRequest) {
      const seeded = backend.models.seed(parseSeedModels(request.body));
      context.persist();
      logger.info(`${seeded.length} READY models seeded`);
      return { ids: seeded.map((record) => record.id) };
    },

    clock() {
      return clockView();
    },

    advanceClock(request: FastifyRequest) {
      const advance = parseClockAdvance(request.body);
      backend.clock.advance(advance);
      context.persist();
      logger.info(`clock advanced by ${advance}ms`);
      return clockView();
    },
  };
}
