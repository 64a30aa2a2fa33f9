import {
  ApiConnectionError,
  ApiConnectionTimeoutError,
  CohereApiError,
  InternalServerError,
  RateLimitError,
} from "../../../provider/cohere";
import { recordingClient } from "../../support/cohereClient";
import { chatJsonl, useTestEmulator } from "../../support/emulator";
import { waitFor } from "../../support/waitFor";

const emulator = useTestEmulator();
const MODELS = "/v1/finetuning/finetuned-models";

async function failure(promise: Promise<unknown>): Promise<CohereApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CohereApiError);
  return error as CohereApiError;
}

async function logged(method: string, path = MODELS) {
  return (await emulator.admin.requests()).filter((r) => r.method === method && r.path === path);
}

/** A validated dataset and model settings that train on it, made before any fault is switched on. */
async function trainableSettings() {
  const client = recordingClient(emulator.url);
  const { id } = await client.datasets.create({
    name: "d",
    type: "chat-finetune-input",
    data: new Blob([chatJsonl(5)]),
    dataFileName: "d.jsonl",
  });
  await waitFor(
    () => client.datasets.get(id),
    (d) => d.validation_status === "validated",
  );
  return { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: id };
}

describe("reads", () => {
  test("are retried under 503 until the retries run out; the log shows every attempt", async () => {
    await emulator.admin.setFaults({ rate_503: 1 });
    const client = recordingClient(emulator.url, { maxRetries: 3 });
    const error = await failure(client.finetunedModels.list());
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status: 503, attempts: 4, cohereMessage: "service unavailable" });
    expect((await logged("GET")).map((r) => r.status)).toEqual([503, 503, 503, 503]);
    expect(client.retries.map((r) => r.status)).toEqual([503, 503, 503]);
  });

  test("succeed through intermittent 429 and 503; attempts = retries + 1", async () => {
    await emulator.admin.setFaults({ rate_429: 0.3, rate_503: 0.3, retry_after_seconds: 0, seed: 7 });
    const client = recordingClient(emulator.url, { maxRetries: 20 });
    for (let i = 0; i < 10; i++) await client.finetunedModels.list();
    const statuses = (await logged("GET")).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(10);
    expect(statuses.length).toBe(10 + client.retries.length);
    expect(client.retries.length).toBeGreaterThan(0);
    expect(client.retries.map((r) => r.status).sort()).toEqual(statuses.filter((s) => s !== 200).sort());
  });

  test("wait as long as Retry-After says", async () => {
    await emulator.admin.setFaults({ rate_429: 1, retry_after_seconds: 1 });
    const client = recordingClient(emulator.url, { maxRetries: 1 });
    const error = await failure(client.datasets.list());
    expect(error).toBeInstanceOf(RateLimitError);
    expect(client.retries).toEqual([expect.objectContaining({ status: 429, delayMs: 1000 })]);
    expect(await logged("GET", "/v1/datasets")).toHaveLength(2);
  });

  test("are retried when the connection drops", async () => {
    await emulator.admin.setFaults({ drop_rate: 0.5, seed: 3 });
    const client = recordingClient(emulator.url, { maxRetries: 20 });
    for (let i = 0; i < 5; i++) await client.datasets.list();
    const statuses = (await logged("GET", "/v1/datasets")).map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(5);
    expect(statuses.filter((s) => s === 0)).toHaveLength(client.retries.length);
    expect(client.retries.length).toBeGreaterThan(0);
  });

  test("time out when the server is slower than the per-attempt timeout", async () => {
    await emulator.admin.setFaults({ latency_ms: 1000 });
    const client = recordingClient(emulator.url, { timeoutMs: 200, maxRetries: 1 });
    const error = await failure(client.datasets.list());
    expect(error).toBeInstanceOf(ApiConnectionTimeoutError);
    expect(error).toMatchObject({ attempts: 2, ambiguous: false });
  });
});

describe("creates", () => {
  test("are retried under 429, which means nothing was processed", async () => {
    const settings = await trainableSettings();
    await emulator.admin.setFaults({ rate_429: 1, retry_after_seconds: 0 });
    const client = recordingClient(emulator.url);
    const error = await failure(client.finetunedModels.create({ name: "m", settings }));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ attempts: 3, ambiguous: false });
    expect((await logged("POST")).map((r) => r.status)).toEqual([429, 429, 429]);
  });

  test.each([
    ["rate_503", 503],
    ["rate_500", 500],
  ])("are not retried under %s and are flagged ambiguous", async (fault, status) => {
    const settings = await trainableSettings();
    await emulator.admin.setFaults({ [fault]: 1 });
    const client = recordingClient(emulator.url);
    const error = await failure(client.finetunedModels.create({ name: "m", settings }));
    expect(error).toBeInstanceOf(InternalServerError);
    expect(error).toMatchObject({ status, ambiguous: true, attempts: 1 });
    expect((await logged("POST")).map((r) => r.status)).toEqual([status]);
  });

  test("that were processed but lost their answer are ambiguous, and the model is listed among the recent ones", async () => {
    const settings = await trainableSettings();
    await emulator.admin.setFaults({ drop_after_processing_rate: 1 });
    const client = recordingClient(emulator.url);
    const error = await failure(client.finetunedModels.create({ name: "lost-answer", settings }));
    expect(error).toBeInstanceOf(ApiConnectionError);
    expect(error.ambiguous).toBe(true);
    expect(await logged("POST")).toHaveLength(1);

    await emulator.admin.setFaults({});
    const found = (await client.finetunedModels.listCreatedSince(new Date(0))).find(
      (m) => m.name === "lost-answer",
    );
    expect(found).toMatchObject({ name: "lost-answer", settings: { dataset_id: settings.dataset_id } });
  });

  test("of datasets behave the same under 503", async () => {
    await emulator.admin.setFaults({ rate_503: 1 });
    const client = recordingClient(emulator.url);
    const error = await failure(
      client.datasets.create({
        name: "d",
        type: "chat-finetune-input",
        data: new Blob([chatJsonl(5)]),
        dataFileName: "d.jsonl",
      }),
    );
    expect(error).toMatchObject({ status: 503, ambiguous: true });
    expect(await logged("POST", "/v1/datasets")).toHaveLength(1);
  });
});
