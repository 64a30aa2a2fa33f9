import util from "node:util";
import { CohereApiError, CohereClient, HttpClientOptions } from "../../../provider/cohere";
import {
  closedPort,
  Handler,
  hang,
  resetAfterReading,
  ScriptedServer,
  startScriptedServer,
} from "./scriptedServer";

const API_KEY = "co-SECRET-api-key-4f9d2c";
const WANDB_KEY = "wandb-SECRET-key-77aa01";
const MODEL = {
  name: "m",
  settings: {
    base_model: { base_type: "BASE_TYPE_CHAT" },
    dataset_id: "d",
    wandb: { project: "p", api_key: WANDB_KEY },
  },
};

/** A careless server that echoes everything it received, headers and body, in its error. */
function echo(status: number, extraHeaders: Record<string, string> = {}): Handler {
  return (req, res) => {
    const everything = `${JSON.stringify(req.headers)} ${req.body.toString()}`;
    res.writeHead(status, {
      "content-type": "application/json",
      "x-request-id": everything,
      ...extraHeaders,
    });
    res.end(JSON.stringify({ message: `you sent ${everything}` }));
  };
}

function textEcho(status: number): Handler {
  return (req, res) => {
    res.writeHead(status, { "content-type": "text/plain" });
    res.end(`${req.headers.authorization} ${req.body.toString()}`);
  };
}

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function failureOf(
  handler: Handler | undefined,
  call: (client: CohereClient) => Promise<unknown>,
  options: Partial<HttpClientOptions> = {},
): Promise<CohereApiError> {
  let baseUrl = `http://127.0.0.1:${await closedPort()}`;
  if (handler) {
    server = await startScriptedServer([handler]);
    baseUrl = server.url;
  }
  const client = new CohereClient({
    apiKey: API_KEY,
    baseUrl,
    retryBaseDelayMs: 1,
    timeoutMs: 300,
    ...options,
  });
  const error = await call(client).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CohereApiError);
  return error as CohereApiError;
}

function everyRendering(error: CohereApiError): string[] {
  return [
    error.message,
    String(error.stack),
    String(error),
    JSON.stringify(error),
    util.inspect(error, { showHidden: true, depth: Infinity, getters: true }),
    util.format("%o", error),
    JSON.stringify(
      Object.getOwnPropertyNames(error).map((name) => (error as unknown as Record<string, unknown>)[name]),
    ),
  ];
}

const get = (client: CohereClient) => client.finetunedModels.get("ft-1");
const create = (client: CohereClient) => client.finetunedModels.create(MODEL);
const update = (client: CohereClient) => client.finetunedModels.update("ft-1", MODEL);

test.each([
  ["401 echoing the headers", echo(401), get],
  ["400 echoing the body of a create", echo(400), create],
  ["ambiguous 500 on create", echo(500), create],
  ["422 on update", echo(422), update],
  ["429 with retries used up", echo(429, { "retry-after": "0" }), create],
  ["a plain text body", textEcho(502), create],
  ["a dropped connection", resetAfterReading(), create],
  ["a timeout", hang(), create],
  ["a refused connection", undefined, create],
])("no secret in any rendering of the error after %s", async (_name, handler, call) => {
  const error = await failureOf(handler, call);
  for (const text of everyRendering(error)) {
    expect(text).not.toContain(API_KEY);
    expect(text).not.toContain(WANDB_KEY);
  }
  for (const leaky of ["config", "request", "response", "cause", "headers"])
    expect(error).not.toHaveProperty(leaky);
});

test("the server's echo is kept, with the secrets replaced", async () => {
  const error = await failureOf(echo(400), create);
  expect(error.cohereMessage).toContain("[REDACTED]");
  expect(error.cohereMessage).toContain('"project":"p"');
});

test("inspecting or serialising the client does not show the key", () => {
  const client = new CohereClient({ apiKey: API_KEY, baseUrl: "http://127.0.0.1:1" });
  expect(util.inspect(client, { depth: Infinity })).not.toContain(API_KEY);
  expect(JSON.stringify(client)).not.toContain(API_KEY);
});

test("a key echoed across the point where a long message is cut leaves no prefix of it behind", async () => {
  // The echo puts the key's first characters exactly where the kept text ends.
  const cutAt = 500;
  const padded: Handler = (_req, res) => {
    res.writeHead(400, { "content-type": "application/json" });
    res.end(JSON.stringify({ message: `${"x".repeat(cutAt - 6)}${API_KEY} and more` }));
  };
  const error = await failureOf(padded, get);
  for (const text of everyRendering(error)) expect(text).not.toContain(API_KEY.slice(0, 6));
  expect(error.cohereMessage).toMatch(/^x+\[REDA/);
});
