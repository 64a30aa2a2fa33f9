import type { FastifyInstance } from "fastify";
import { adminResponses } from "./adminResponses";
import type { EmulatorContext } from "./context";
import { datasetResponses } from "./datasetResponses";
import { finetuningResponses } from "./finetuningResponses";

const MODELS = "/v1/finetuning/finetuned-models";

/** The route table, in the spirit of moto's urls.py: paths on one side, response methods on the other. */
export function registerRoutes(app: FastifyInstance, context: EmulatorContext): void {
  const finetuning = finetuningResponses(context);
  app.get(MODELS, finetuning.list);
  app.post(MODELS, finetuning.create);
  app.get(`${MODELS}/:id`, finetuning.get);
  app.patch(`${MODELS}/:id`, finetuning.update);
  app.delete(`${MODELS}/:id`, finetuning.delete);
  app.get(`${MODELS}/:finetuned_model_id/events`, finetuning.events);
  app.get(`${MODELS}/:finetuned_model_id/training-step-metrics`, finetuning.trainingStepMetrics);

  const datasets = datasetResponses(context);
  app.post("/v1/datasets", datasets.create);
  app.get("/v1/datasets", datasets.list);
  app.get("/v1/datasets/usage", datasets.usage);
  app.get("/v1/datasets/:id", datasets.get);
  app.delete("/v1/datasets/:id", datasets.delete);

  const admin = adminResponses(context);
  app.post("/_emulator/reset", admin.reset);
  app.get("/_emulator/requests", admin.requests);
  app.delete("/_emulator/requests", admin.clearRequests);
  app.get("/_emulator/faults", admin.faults);
  app.put("/_emulator/faults", admin.configureFaults);
  app.patch("/_emulator/finetuned-models/:id", admin.forceStatus);
  app.put("/_emulator/finetuned-models/:id/settings", admin.replaceSettings);
  app.put("/_emulator/finetuned-models/:id/last-used", admin.markUsed);
  app.post("/_emulator/seed-models", admin.seedModels);
  app.get("/_emulator/clock", admin.clock);
  app.post("/_emulator/clock", admin.advanceClock);
}
