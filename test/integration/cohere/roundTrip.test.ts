import { CohereClient, NotFoundError, WireSettings } from "../../../provider/cohere";
import { recordingClient } from "../../support/cohereClient";
import { chatJsonl, useTestEmulator } from "../../support/emulator";
import { waitFor } from "../../support/waitFor";

const emulator = useTestEmulator();

async function validatedChatDataset(client: CohereClient, name = "chat-data"): Promise<string> {
  const { id } = await client.datasets.create({
    name,
    type: "chat-finetune-input",
    data: new Blob([chatJsonl(5)]),
    dataFileName: "train.jsonl",
    evalData: new Blob([chatJsonl(1)]),
    evalDataFileName: "eval.jsonl",
  });
  await waitFor(
    () => client.datasets.get(id),
    (dataset) => dataset.validation_status === "validated",
  );
  return id;
}

test("datasets: create, get, list, delete", async () => {
  const client = recordingClient(emulator.url);
  const id = await validatedChatDataset(client);

  const dataset = await client.datasets.get(id);
  expect(dataset).toMatchObject({ id, name: "chat-data", dataset_type: "chat-finetune-input" });
  expect(dataset.metrics?.finetune_dataset_metrics).toMatchObject({ train_examples: 5, eval_examples: 1 });

  expect((await client.datasets.list()).map((d) => d.id)).toEqual([id]);
  expect(
    await client.datasets.list({ datasetType: "chat-finetune-input", validationStatus: "validated" }),
  ).toHaveLength(1);
  expect(await client.datasets.list({ validationStatus: "failed" })).toHaveLength(0);

  await client.datasets.delete(id);
  await expect(client.datasets.get(id)).rejects.toBeInstanceOf(NotFoundError);
  expect(await client.datasets.list()).toHaveLength(0);
});

test("a malformed upload ends up failed with the reason", async () => {
  const client = recordingClient(emulator.url);
  const { id } = await client.datasets.create({
    name: "bad",
    type: "chat-finetune-input",
    data: new Blob(['{"messages": []}\n']),
    dataFileName: "bad.jsonl",
  });
  const dataset = await waitFor(
    () => client.datasets.get(id),
    (d) => d.validation_status === "failed",
  );
  expect(dataset.validation_error).toBeTruthy();
});

test("finetuned models: create, get, list, wait until ready, metrics, update, delete", async () => {
  const client = recordingClient(emulator.url);
  const datasetId = await validatedChatDataset(client);
  const settings: WireSettings = {
    base_model: { base_type: "BASE_TYPE_CHAT" },
    dataset_id: datasetId,
    hyperparameters: { train_epochs: 2, learning_rate: 0.01 },
    wandb: { project: "p", api_key: "wandb-key" },
  };

  const created = await client.finetunedModels.create({ name: "support-bot", settings });
  expect(created).toMatchObject({ name: "support-bot", settings: { dataset_id: datasetId } });
  expect(created.id).toBeTruthy();
  const id = created.id!;

  expect(await client.finetunedModels.get(id)).toMatchObject({ id, name: "support-bot" });
  const page = await client.finetunedModels.list({ pageSize: 10, orderBy: "created_at desc" });
  expect(page).toMatchObject({ next_page_token: "", total_size: 1 });
  expect(page.finetuned_models.map((m) => m.id)).toEqual([id]);
  expect(
    (await client.finetunedModels.listCreatedSince(new Date(Date.now() - 60_000))).map((m) => m.id),
  ).toEqual([id]);

  const ready = await waitFor(
    () => client.finetunedModels.get(id),
    (m) => m.status === "STATUS_READY" || m.status === "STATUS_FAILED",
  );
  expect(ready.status).toBe("STATUS_READY");

  const metrics = await client.finetunedModels.listTrainingStepMetrics(id);
  expect(metrics.step_metrics.length).toBeGreaterThan(0);
  expect(Object.keys(metrics.step_metrics[0].metrics!).sort()).toEqual([
    "accuracy",
    "cross_entropy",
    "generation_accuracy",
    "generation_cross_entropy",
    "step",
  ]);

  const renamed = await client.finetunedModels.update(id, {
    name: "support-bot-2",
    settings: ready.settings,
  });
  expect(renamed).toMatchObject({ id, name: "support-bot-2", status: "STATUS_READY" });

  await client.finetunedModels.delete(id);
  await expect(client.finetunedModels.get(id)).rejects.toBeInstanceOf(NotFoundError);
});

test("listCreatedSince follows the pages, newest first", async () => {
  const client = recordingClient(emulator.url);
  const datasetId = await validatedChatDataset(client);
  const settings = { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId };
  const names = ["m1", "m2", "m3", "m4", "m5"];
  for (const name of names) await client.finetunedModels.create({ name, settings });

  const all = await client.finetunedModels.listCreatedSince(new Date(0));
  expect(all.map((m) => m.name)).toEqual([...names].reverse());
  const listCalls = (await emulator.admin.requests()).filter(
    (r) => r.method === "GET" && r.path === "/v1/finetuning/finetuned-models",
  );
  expect(listCalls.map((r) => r.query)).toEqual([{ page_size: "1000", order_by: "created_at desc" }]);
});

test("a training the emulator is told to fail ends FAILED", async () => {
  const client = recordingClient(emulator.url);
  const datasetId = await validatedChatDataset(client);
  await emulator.admin.setFaults({ fail_training: ["doomed"] });
  const { id } = await client.finetunedModels.create({
    name: "doomed",
    settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
  });
  const model = await waitFor(
    () => client.finetunedModels.get(id!),
    (m) => m.status === "STATUS_READY" || m.status === "STATUS_FAILED",
  );
  expect(model.status).toBe("STATUS_FAILED");
});
