import type { FastifyRequest } from "fastify";
import { invalidRequest } from "../backend/errors";
import type { EmulatorContext } from "./context";
import { parseDatasetFilter, parseDatasetUploadQuery } from "./datasetRequests";
import { withUploads } from "./datasetUploads";
import { pathParam, queryOf } from "./request";

/** Translates /v1/datasets requests; uploads arrive as multipart with `data` and optional `eval_data`. */
export function datasetResponses({ backend, logger }: EmulatorContext) {
  const datasets = backend.datasets;
  return {
    async create(request: FastifyRequest) {
      const query = parseDatasetUploadQuery(queryOf(request));
      const record = await withUploads(request, ({ data, eval_data }) => {
        if (!data) throw invalidRequest("data file is required");
        return datasets.create({ ...query, data, evalData: eval_data });
      });
      const bytes = record.outcome.parts.reduce((sum, part) => sum + part.sizeBytes, 0);
      logger.info(
        `dataset ${record.id} uploaded: type=${record.type} bytes=${bytes} outcome=${record.outcome.status}`,
      );
      return { id: record.id };
    },

    list(request: FastifyRequest) {
      const records = datasets.list(parseDatasetFilter(queryOf(request)));
      return { datasets: records.map((record) => datasets.view(record)) };
    },

    get(request: FastifyRequest) {
      return { dataset: datasets.view(datasets.get(pathParam(request, "id"))) };
    },

    delete(request: FastifyRequest) {
      const id = pathParam(request, "id");
      datasets.delete(id);
      logger.info(`dataset ${id} deleted`);
      return {};
    },

    usage() {
      return { organization_usage: datasets.usageBytes() };
    },
  };
}
