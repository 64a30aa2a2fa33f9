import type { FastifyError, FastifyInstance } from "fastify";
import { ApiError } from "../backend/errors";
import type { Logger } from "../logger";

/** Every failure leaves as `{"message": ...}`; nothing a client sends can take the server down. */
export function registerErrorHandling(app: FastifyInstance, logger: Logger): void {
  app.setErrorHandler((error: FastifyError | ApiError, request, reply) => {
    if (error instanceof ApiError) {
      return reply.code(error.statusCode).send({ message: error.message });
    }
    const status = error.statusCode ?? 500;
    if (status >= 400 && status < 500) {
      return reply.code(status).send({ message: `invalid request: ${error.message}` });
    }
    logger.info(`internal error on ${request.method} ${request.url}: ${error.stack ?? error.message}`);
    return reply.code(500).send({ message: "internal server error" });
  });
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ message: "404 page not found" }));
}
