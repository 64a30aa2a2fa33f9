import type { FastifyInstance, FastifyRequest } from "fastify";
import { ApiError } from "../backend/errors";

/**
 * Bodies are parsed here rather than by fastify so malformed JSON gets Cohere's message, and a
 * body without a JSON content type (as some clients send) is still read as JSON.
 */
export function registerJsonBodyParsing(app: FastifyInstance): void {
  app.removeAllContentTypeParsers();
  const parseJson = (
    _request: FastifyRequest,
    body: string,
    done: (error: Error | null, body?: unknown) => void,
  ) => {
    if (body.trim() === "") return done(null, undefined);
    try {
      done(null, JSON.parse(body));
    } catch (error) {
      done(new ApiError(400, `invalid json syntax: ${(error as Error).message}`));
    }
  };
  app.addContentTypeParser("application/json", { parseAs: "string" }, parseJson);
  app.addContentTypeParser("*", { parseAs: "string" }, parseJson);
}
