import multipart from "@fastify/multipart";
import Fastify, { type FastifyInstance, type FastifyReply } from "fastify";
import type { EmulatorContext } from "./http/context";
import { registerErrorHandling } from "./http/errors";
import { registerJsonBodyParsing } from "./http/jsonBody";
import { registerRoutes } from "./http/urls";
import { registerV1Hooks } from "./http/v1Hooks";

/** Upstream allows 1.5 GB; the emulator validates uploads in memory, so it stops well short of that. */
const MAX_UPLOAD_BYTES = 256 * 1024 * 1024;

export async function buildServer(context: EmulatorContext): Promise<FastifyInstance> {
  const app = Fastify({
    logger: false,
    forceCloseConnections: true,
    // Errors raised before routing (a malformed URL) bypass the error handler; they get the same shape.
    frameworkErrors: (error, _request, reply) =>
      (reply as FastifyReply).code(400).send({ message: `invalid request: ${error.message}` }),
  });
  registerJsonBodyParsing(app);
  await app.register(multipart, {
    limits: { fileSize: MAX_UPLOAD_BYTES, fieldSize: MAX_UPLOAD_BYTES, files: 4 },
  });
  registerErrorHandling(app, context.logger);
  registerV1Hooks(app, context);
  registerRoutes(app, context);
  return app;
}
