import {
  AuthenticationError,
  BadRequestError,
  CohereApiError,
  CohereClient,
  InternalServerError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from "../../../provider/cohere";
import { json, startScriptedServer, ScriptedServer } from "./scriptedServer";

const cases: [number, new (...args: never[]) => CohereApiError][] = [
  [400, BadRequestError],
  [401, AuthenticationError],
  [403, PermissionDeniedError],
  [404, NotFoundError],
  [422, UnprocessableEntityError],
  [429, RateLimitError],
  [500, InternalServerError],
  [503, InternalServerError],
];

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failingGet(handler: ReturnType<typeof json>): Promise<CohereApiError> {
  server = await startScriptedServer([handler]);
  const client = new CohereClient({ apiKey: "k", baseUrl: server.url, maxRetries: 0 });
  const error = await client.finetunedModels.get("abc").catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CohereApiError);
  return error as CohereApiError;
}

test.each(cases)(
  "status %i becomes %p with status, message, method, path and request id",
  async (status, type) => {
    const error = await failingGet(
      json(status, { message: `cohere says ${status}` }, { "x-request-id": "req-123" }),
    );
    expect(error).toBeInstanceOf(type);
    expect(error).toMatchObject({
      name: type.name,
      status,
      cohereMessage: `cohere says ${status}`,
      method: "GET",
      path: "/v1/finetuning/finetuned-models/abc",
      requestId: "req-123",
      ambiguous: false,
      attempts: 1,
    });
    expect(error.message).toContain(
      `GET /v1/finetuning/finetuned-models/abc returned ${status}: cohere says ${status}`,
    );
    expect(error.message).toContain("request id req-123");
    expect(error.stack).toContain(type.name);
  },
);

test("401 tells where the API key comes from", async () => {
  const error = await failingGet(json(401, { message: "invalid api token" }));
  expect(error.message).toContain("cohere:apiKey");
  expect(error.message).toContain("CO_API_KEY");
});

test("404 says what to check", async () => {
  const error = await failingGet(json(404, { message: "finetuned model abc not found" }));
  expect(error.message).toMatch(/check the id/i);
});

test("a trace id header is used when there is no request id", async () => {
  const error = await failingGet(json(500, { message: "boom" }, { "x-trace-id": "trace-9" }));
  expect(error.requestId).toBe("trace-9");
});

test("a body that is not Cohere's JSON error still ends up in the message", async () => {
  const error = await failingGet((_req, res) => {
    res.writeHead(502, { "content-type": "text/html" });
    res.end("<html>bad gateway</html>");
  });
  expect(error).toBeInstanceOf(InternalServerError);
  expect(error.cohereMessage).toBe("<html>bad gateway</html>");
  expect(error.requestId).toBeUndefined();
});

test("an unexpected status is a plain CohereApiError", async () => {
  const error = await failingGet(json(409, { message: "conflict" }));
  expect(error.constructor).toBe(CohereApiError);
  expect(error.status).toBe(409);
});
