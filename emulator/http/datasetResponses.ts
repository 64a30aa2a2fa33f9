import type { FastifyRequest } from "fastify";
import type { UploadedFile } from "../backend/datasetValidation";
import { invalidRequest } from "../backend/errors";
import type { EmulatorContext } from "./context";
import { parseDatasetFilter, parseDatasetUploadQuery } from "./datasetRequests";
import { pathParam, queryOf } from "./request";

/** Translates /v1/datasets requests; uploads arrive as multipart with `data` and optional `eval_data`. */
export function datasetResponses({ backend, logger }: EmulatorContext) {
  const datasets = backend.datasets;
  return {
    async create(request: FastifyRequest) {
      const query = parseDatasetUploadQuery(queryOf(request));
      const files = await readUploads(request);
      if (!files.data) throw invalidRequest("data file is required");
      const record = datasets.create({ ...query, data: files.data, evalData: files.eval_data });
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

const UPLOAD_FIELDS = new Set(["data", "eval_data"]);

/** Some SDK inputs (a bare Buffer) arrive as plain form fields without a filename; they are accepted as files. */
async function readUploads(request: FastifyRequest): Promise<Record<string, UploadedFile>> {
  if (!request.isMultipart()) throw invalidRequest("request must be multipart/form-data with a data file");
  const files: Record<string, UploadedFile> = {};
  try {
    for await (const part of request.parts()) {
      if (!UPLOAD_FIELDS.has(part.fieldname)) continue;
      if (part.type === "file") {
        files[part.fieldname] = { filename: part.filename || part.fieldname, content: await part.toBuffer() };
      } else {
        files[part.fieldname] = { filename: part.fieldname, content: Buffer.from(String(part.value)) };
      }
    }
  } catch (error) {
    if (error instanceof Error && "statusCode" in error) throw error;
    throw invalidRequest(`malformed multipart body: ${(error as Error).message}`);
  }
  return files;
}
