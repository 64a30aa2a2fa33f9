import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { EmulatorContext } from "./http/context";
import { isUploadPart } from "./http/datasetUploads";
import { registerErrorHandling } from "./http/errors";
import { registerJsonBodyParsing } from "./http/jsonBody";
import { registerRoutes } from "./http/urls";
import { registerV1Hooks } from "./http/v1Hooks";

export async function buildServer(context: EmulatorContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    // Errors raised before routing (a malformed URL) bypass the error handler; they get the same shape.
    frameworkErrors: (error, _request, reply) =>
      (reply as FastifyReply).code(400).send({ message: `invalid request: ${error.message}` }),
  });
  registerJsonBodyParsing(app);
  // Uploads are streamed to disk and their size limited there, as a whole; busboy only parses.
  await app.register(multipart, { limits: { fileSize: Infinity, files: 4 }, isPartAFile: isUploadPart });
  registerErrorHandling(app, context.logger);
  registerV1Hooks(app, context);
  registerRoutes(app, context);
  return app;
}
