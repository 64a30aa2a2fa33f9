import type { FastifyRequest } from "fastify";
import type { EmulatorContext } from "./context";
import { parseCreateModel, parseUpdateModel } from "./finetuningRequests";
import { parsePageRequest } from "./pageRequest";
import { pathParam, queryOf } from "./request";

/** Translates /v1/finetuning requests into backend calls and backend records into Cohere's envelopes. */
export function finetuningResponses({ backend, logger }: EmulatorContext) {
  const models = backend.models;
  return {
    list(request: FastifyRequest) {
      const page = models.list(parsePageRequest(queryOf(request)));
      return {
        finetuned_models: page.items.map((record) => models.view(record)),
        next_page_token: page.nextPageToken,
        total_size: page.totalSize,
      };
    },

    create(request: FastifyRequest) {
      const view = models.view(models.create(parseCreateModel(request.body)));
      logger.info(
        `finetuned model ${view.id} created: name=${view.name} settings=${JSON.stringify(view.settings)}`,
      );
      return { finetuned_model: view };
    },

    get(request: FastifyRequest) {
      return { finetuned_model: models.view(models.get(pathParam(request, "id"))) };
    },

    update(request: FastifyRequest) {
      const view = models.view(models.update(pathParam(request, "id"), parseUpdateModel(request.body)));
      logger.info(
        `finetuned model ${view.id} updated: name=${view.name} settings=${JSON.stringify(view.settings)}`,
      );
      return { finetuned_model: view };
    },

    delete(request: FastifyRequest) {
      const id = pathParam(request, "id");
      models.delete(id);
      logger.info(`finetuned model ${id} deleted`);
      return {};
    },

    events(request: FastifyRequest) {
      const page = models.events(
        pathParam(request, "finetuned_model_id"),
        parsePageRequest(queryOf(request)),
      );
      return { events: page.items, next_page_token: page.nextPageToken, total_size: page.totalSize };
    },

    trainingStepMetrics(request: FastifyRequest) {
      const page = models.stepMetrics(
        pathParam(request, "finetuned_model_id"),
        parsePageRequest(queryOf(request)),
      );
      return { step_metrics: page.items, next_page_token: page.nextPageToken };
    },
  };
}
