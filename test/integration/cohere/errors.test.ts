import {
  AuthenticationError,
  BadRequestError,
  CohereApiError,
  NotFoundError,
} from "../../../provider/cohere";
import { recordingClient } from "../../support/cohereClient";
import { testApiKey, useTestEmulator } from "../../support/emulator";

const emulator = useTestEmulator();
const UNKNOWN_MODEL = "00000000-0000-4000-8000-000000000000";

async function failure(promise: Promise<unknown>): Promise<CohereApiError> {
  const error = await promise.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(CohereApiError);
  return error as CohereApiError;
}

test("a wrong API key is an AuthenticationError that says where keys come from, without the key", async () => {
  const client = recordingClient(emulator.url, { apiKey: "wrong-key-123" });
  const error = await failure(client.finetunedModels.list());
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error).toMatchObject({ status: 401, cohereMessage: "invalid api token", attempts: 1 });
  expect(error.message).toContain("CO_API_KEY");
  expect(JSON.stringify(error) + error.message + error.stack).not.toContain("wrong-key-123");
  expect(client.retries).toHaveLength(0);
});

test("an empty API key is an AuthenticationError", async () => {
  const error = await failure(recordingClient(emulator.url, { apiKey: "" }).datasets.list());
  expect(error).toBeInstanceOf(AuthenticationError);
  expect(error.cohereMessage).toBe("no api key supplied");
});

test("unknown ids are NotFoundError, with the path", async () => {
  const client = recordingClient(emulator.url);
  const model = await failure(client.finetunedModels.get(UNKNOWN_MODEL));
  expect(model).toBeInstanceOf(NotFoundError);
  expect(model.cohereMessage).toBe(`finetuned model ${UNKNOWN_MODEL} not found`);
  expect(model.path).toBe(`/v1/finetuning/finetuned-models/${UNKNOWN_MODEL}`);

  for (const call of [
    client.finetunedModels.delete(UNKNOWN_MODEL),
    client.finetunedModels.listTrainingStepMetrics(UNKNOWN_MODEL),
    client.datasets.get("no-such-dataset"),
    client.datasets.delete("no-such-dataset"),
  ]) {
    expect(await failure(call)).toBeInstanceOf(NotFoundError);
  }
  expect(client.retries).toHaveLength(0);
});

test("a malformed id is a BadRequestError with Cohere's message", async () => {
  const error = await failure(recordingClient(emulator.url).finetunedModels.get("not-a-uuid"));
  expect(error).toBeInstanceOf(BadRequestError);
  expect(error.cohereMessage).toBe("finetuneID is not a valid UUID: 'not-a-uuid'");
});

test("training on a dataset that does not exist is a client error, not retried", async () => {
  const client = recordingClient(emulator.url);
  const error = await failure(
    client.finetunedModels.create({
      name: "m",
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: "missing" },
    }),
  );
  expect(error.status).toBeGreaterThanOrEqual(400);
  expect(error.status).toBeLessThan(500);
  expect(error.ambiguous).toBe(false);
  expect(await emulator.admin.requests()).toHaveLength(1);
});

test("the right key is accepted", async () => {
  await expect(recordingClient(emulator.url, { apiKey: testApiKey }).datasets.list()).resolves.toEqual([]);
});
