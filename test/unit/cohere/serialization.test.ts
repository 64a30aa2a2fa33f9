import { execFile } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import * as pulumi from "@pulumi/pulumi";
import { ApiConnectionError, CohereApiError, CohereClient, NotFoundError } from "../../../provider/cohere";
import { closedPort, json, ScriptedServer, startScriptedServer } from "./scriptedServer";

let server: ScriptedServer | undefined;
afterAll(() => server?.close());

/**
 * The provider's methods reach Pulumi state as text produced by this serializer, and the provider host runs
 * that text in plain Node; do the same with a function that uses the client and reports what it got.
 */
async function runSerialized(fn: () => Promise<unknown>, env: Record<string, string>) {
  const serialized = await pulumi.runtime.serializeFunction(fn);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-serialized-"));
  const file = path.join(dir, "provider.js");
  fs.writeFileSync(file, serialized.text);
  const runner = `require(${JSON.stringify(file)}).${serialized.exportName}().then((r) => console.log(JSON.stringify(r)))`;
  try {
    const { stdout } = await promisify(execFile)(process.execPath, ["-e", runner], {
      env: { ...process.env, ...env, NODE_PATH: path.resolve("node_modules") },
    });
    return { text: serialized.text, result: JSON.parse(stdout) };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** What a provider would look at in an error, as plain data. */
function asPlainData(e: CohereApiError) {
  return {
    isError: e instanceof Error,
    isCohereApiError: e instanceof CohereApiError,
    isNotFound: e instanceof NotFoundError,
    isConnection: e instanceof ApiConnectionError,
    name: e.name,
    message: e.message,
    stack: e.stack,
    status: e.status,
    requestId: e.requestId,
  };
}

test("the client and its errors survive Pulumi's closure serialization, without capturing the key", async () => {
  server = await startScriptedServer([
    json(404, { message: "finetuned model ft-1 not found" }, { "x-request-id": "r1" }),
  ]);
  const { text, result } = await runSerialized(
    async () => {
      const client = (baseUrl?: string) =>
        new CohereClient({ apiKey: process.env.TEST_CO_KEY ?? "", baseUrl, maxRetries: 0 });
      return Promise.all([
        client(process.env.TEST_CO_URL).finetunedModels.get("ft-1").catch(asPlainData),
        client(process.env.TEST_CO_DEAD_URL).finetunedModels.get("ft-1").catch(asPlainData),
      ]);
    },
    {
      TEST_CO_KEY: "co-SERIALIZED-secret",
      TEST_CO_URL: server.url,
      TEST_CO_DEAD_URL: `http://127.0.0.1:${await closedPort()}`,
    },
  );
  expect(text).not.toContain("co-SERIALIZED-secret");
  expect(text).not.toContain("@pulumi/pulumi");
  expect(server.requests[0].headers.authorization).toBe("Bearer co-SERIALIZED-secret");

  const [notFound, refused] = result;
  expect(notFound).toMatchObject({
    isError: true,
    isCohereApiError: true,
    isNotFound: true,
    isConnection: false,
    name: "NotFoundError",
    status: 404,
    requestId: "r1",
  });
  expect(notFound.message).toContain(
    "GET /v1/finetuning/finetuned-models/ft-1 returned 404: finetuned model ft-1 not found",
  );
  expect(notFound.stack).toMatch(/^NotFoundError: Cohere API GET/);
  expect(refused).toMatchObject({
    isError: true,
    isCohereApiError: true,
    isConnection: true,
    name: "ApiConnectionError",
  });
  expect(refused.message).toContain("failed (ECONNREFUSED)");
}, 60_000);
