import { Cohere, CohereClient } from "cohere-ai";
import { testApiKey, chatRows, jsonl, startTestEmulator, type TestEmulator } from "../support/emulator";

/** The official SDK as a real client: every call must succeed and parse into the documented fields. */
describe("the official cohere-ai SDK against the emulator", () => {
  let emulator: TestEmulator;
  let client: CohereClient;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 10_000 });
    client = new CohereClient({
      baseUrl: emulator.url,
      token: testApiKey,
      clientName: "emulator-tests",
      maxRetries: 0,
    });
  });
  afterEach(() => emulator.close());

  async function uploadChatDataset(): Promise<string> {
    // 40 conversations, 32 of them for training: with 2 epochs, 4 steps and as many evaluations.
    const created = await client.datasets.create(new File([jsonl(chatRows(40))], "train.jsonl"), undefined, {
      name: "sdk-chat",
      type: "chat-finetune-input",
    });
    expect(created.id).toMatch(/^sdk-chat-[0-9a-f]{6}$/);
    await emulator.admin.advanceClock(10_000);
    return created.id as string;
  }

  test("datasets: create with a file (and an eval file), get, list, getUsage, delete", async () => {
    const evalFile = new File([jsonl(chatRows(3))], "eval.jsonl");
    const created = await client.datasets.create(new File([jsonl(chatRows(10))], "train.jsonl"), evalFile, {
      name: "sdk-chat",
      type: "chat-finetune-input",
    });
    const id = created.id as string;

    const queued = await client.datasets.get(id);
    expect(queued.dataset).toMatchObject({
      id,
      name: "sdk-chat",
      datasetType: "chat-finetune-input",
      validationStatus: "queued",
    });
    expect(queued.dataset.createdAt).toBeInstanceOf(Date);

    await emulator.admin.advanceClock(10_000);
    const { dataset } = await client.datasets.get(id);
    expect(dataset.validationStatus).toBe("validated");
    expect(dataset.datasetParts?.map((part) => part.name)).toEqual(["train.jsonl", "eval.jsonl"]);
    expect(dataset.metrics?.finetuneDatasetMetrics).toMatchObject({
      totalExamples: 13,
      trainExamples: 10,
      evalExamples: 3,
    });
    expect(dataset.metrics?.finetuneDatasetMetrics?.trainableTokenCount).toBeGreaterThan(0);

    const listed = await client.datasets.list({
      datasetType: "chat-finetune-input",
      validationStatus: "validated",
    });
    expect(listed.datasets?.map((d) => d.id)).toEqual([id]);

    const usage = await client.datasets.getUsage();
    expect(usage.organizationUsage).toBe(evalFile.size + jsonl(chatRows(10)).length);

    expect(await client.datasets.delete(id)).toEqual({});
    expect((await client.datasets.list()).datasets).toEqual([]);
  });

  test("fine-tuning: create, get, list, update, listEvents, listTrainingStepMetrics, delete", async () => {
    const datasetId = await uploadChatDataset();
    const created = await client.finetuning.createFinetunedModel({
      name: "sdk-model",
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId,
        hyperparameters: { trainEpochs: 2, learningRate: 0.01, loraTargetModules: "LORA_TARGET_MODULES_QV" },
        wandb: { project: "proj", apiKey: "wandb-secret", entity: "team" },
      },
    });
    const model = created.finetunedModel as Cohere.finetuning.FinetunedModel;
    expect(model).toMatchObject({ name: "sdk-model", status: "STATUS_QUEUED" });
    expect(model.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(model.createdAt).toBeInstanceOf(Date);
    expect(model.settings.hyperparameters).toEqual({
      trainEpochs: 2,
      learningRate: 0.01,
      loraTargetModules: "LORA_TARGET_MODULES_QV",
    });
    expect(model.settings.wandb).toEqual({ project: "proj", entity: "team" });
    const id = model.id as string;

    await emulator.admin.advanceClock(30_000);
    const got = await client.finetuning.getFinetunedModel(id);
    expect(got.finetunedModel?.status).toBe("STATUS_FINETUNING");

    const listed = await client.finetuning.listFinetunedModels({ pageSize: 10, orderBy: "created_at desc" });
    expect(listed).toMatchObject({ nextPageToken: "", totalSize: 1 });
    expect(listed.finetunedModels?.[0].id).toBe(id);

    const updated = await client.finetuning.updateFinetunedModel(id, {
      name: "sdk-model-renamed",
      settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId },
    });
    expect(updated.finetunedModel?.name).toBe("sdk-model-renamed");
    expect(updated.finetunedModel?.updatedAt).toBeInstanceOf(Date);

    await emulator.admin.advanceClock(31_000);
    const ready = await client.finetuning.getFinetunedModel(id);
    expect(ready.finetunedModel?.status).toBe("STATUS_READY");
    expect(ready.finetunedModel?.completedAt).toBeInstanceOf(Date);
    expect(ready.finetunedModel?.lastUsed).toBeUndefined();
    await emulator.admin.markUsed(id, { agoMs: 0 });
    const used = await client.finetuning.getFinetunedModel(id);
    expect(used.finetunedModel?.lastUsed).toBeInstanceOf(Date);

    const events = await client.finetuning.listEvents(id);
    expect(events.events?.map((event) => event.status)).toEqual([
      "STATUS_QUEUED",
      "STATUS_FINETUNING",
      "STATUS_DEPLOYING_API",
      "STATUS_READY",
    ]);
    expect(events.events?.[0].createdAt).toBeInstanceOf(Date);
    expect(events).toMatchObject({ nextPageToken: "", totalSize: 4 });

    const metrics = await client.finetuning.listTrainingStepMetrics(id);
    expect(metrics.stepMetrics?.length).toBeGreaterThan(1);
    const first = metrics.stepMetrics?.[0] as Cohere.finetuning.TrainingStepMetrics;
    expect(first.createdAt).toBeInstanceOf(Date);
    expect(Object.keys(first.metrics ?? {}).sort()).toEqual([
      "accuracy",
      "cross_entropy",
      "generation_accuracy",
      "generation_cross_entropy",
      "step",
    ]);

    expect(await client.finetuning.deleteFinetunedModel(id)).toEqual({});
    await expect(client.finetuning.getFinetunedModel(id)).rejects.toBeInstanceOf(Cohere.NotFoundError);
  });

  test("400, 401 and 404 surface as the SDK's error classes with the message", async () => {
    const badRequest = client.finetuning.createFinetunedModel({
      name: "no-dataset",
      settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "" },
    });
    await expect(badRequest).rejects.toBeInstanceOf(Cohere.BadRequestError);
    await expect(badRequest).rejects.toMatchObject({
      statusCode: 400,
      body: { message: expect.stringContaining("settings.dataset_id") },
    });

    const anonymous = new CohereClient({ baseUrl: emulator.url, token: "wrong-key", maxRetries: 0 });
    const unauthorized = anonymous.finetuning.listFinetunedModels();
    await expect(unauthorized).rejects.toBeInstanceOf(Cohere.UnauthorizedError);
    await expect(unauthorized).rejects.toMatchObject({ body: { message: "invalid api token" } });

    const missing = client.finetuning.getFinetunedModel("00000000-0000-4000-8000-000000000000");
    await expect(missing).rejects.toBeInstanceOf(Cohere.NotFoundError);
    await expect(missing).rejects.toMatchObject({
      body: { message: "finetuned model 00000000-0000-4000-8000-000000000000 not found" },
    });
    await expect(client.datasets.get("nope")).rejects.toBeInstanceOf(Cohere.NotFoundError);
  });
});
