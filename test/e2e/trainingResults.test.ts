/**
 * What a training costs and what it produced, on the real engine: metrics as outputs, the quality gate, the
 * cost a preview announces, and the guard that keeps a GitOps merge from starting a retraining nobody meant.
 */
import type { EmulatorAdmin } from "../../emulator/index";
import { DeclaredModel, emulatorProject, modelsProgram, UserProject } from "./harness";
import { countRequests, fastProviderEnv, startTestEmulator, testApiKey } from "../support/emulator";

const step = 300_000;

describe("training results, quality gate, cost and retrain guard", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let datasetId: string;
  let project: UserProject;
  let declared: Record<string, DeclaredModel>;
  const settings = (trainEpochs: number) => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId,
    hyperparameters: { trainEpochs },
  });
  const declare = (models: Record<string, DeclaredModel>) => {
    declared = models;
    project.writeFile("index.ts", modelsProgram(declared));
  };
  const outputs = async () =>
    (await project.outputs()).models as Record<
      string,
      { id: string; status: string; trainingMetrics?: Record<string, number>; trainingSteps?: number }
    >;

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 800 });
    admin = emulator.admin;
    datasetId = await admin.createChatDataset();
    project = await emulatorProject({ emulatorUrl: emulator.url, apiKey: testApiKey, env: fastProviderEnv });
  }, step);

  afterAll(async () => {
    await project?.destroy().catch(() => undefined);
    await project?.cleanup();
    await emulator?.close();
  }, step);

  it(
    "a preview announces the training a create starts: trainable tokens × epochs",
    async () => {
      declare({ bot: { args: { settings: settings(2) } } });
      const { messages } = await project.preview();
      const tokens = (await admin.api("GET", `/v1/datasets/${datasetId}`)).body.dataset as {
        metrics: { finetune_dataset_metrics: { trainable_token_count: number } };
      };
      const count = tokens.metrics.finetune_dataset_metrics.trainable_token_count;
      expect(count).toBeGreaterThan(0);
      expect(messages.join("\n")).toContain(
        `bot: starts a training of ${count.toLocaleString("en-US")} trainable tokens × 2 epochs = ` +
          `${(2 * count).toLocaleString("en-US")} tokens (a new model)`,
      );
    },
    step,
  );

  it(
    "up outputs the last evaluation's metrics and step, read with at most two calls; a no-op makes none",
    async () => {
      await admin.clearRequests();
      await project.up();
      const { bot } = await outputs();
      expect(bot.status).toBe("STATUS_READY");
      expect(Object.keys(bot.trainingMetrics!).sort()).toEqual([
        "accuracy",
        "crossEntropy",
        "generationAccuracy",
        "generationCrossEntropy",
      ]);
      expect(bot.trainingMetrics!.accuracy).toBeGreaterThan(0.5);
      expect(bot.trainingSteps).toBeGreaterThan(0);
      const metricCalls = countRequests(await admin.requests(), "GET", /training-step-metrics$/);
      expect(metricCalls).toBeGreaterThanOrEqual(1);
      expect(metricCalls).toBeLessThanOrEqual(2);

      await admin.clearRequests();
      expect((await project.preview()).changes).toEqual({ same: 2 });
      expect((await project.up()).changes).toEqual({ same: 2 });
      expect(await admin.requests()).toEqual([]);
      expect((await project.refresh()).changes).toEqual({ same: 2 });
      expect(countRequests(await admin.requests(), "GET", /training-step-metrics$/)).toBe(0);
      expect((await outputs()).bot.trainingMetrics).toEqual(bot.trainingMetrics);
    },
    step,
  );

  it(
    "with cohere:allowRetrain false, a preview that would retrain fails naming the resource and field; allowing it on the resource passes",
    async () => {
      await project.setConfig("cohere:allowRetrain", "false");
      declare({ bot: { args: { settings: settings(3) } }, newcomer: { args: { settings: settings(1) } } });
      await admin.clearRequests();
      const failure = await project.preview().catch((error: Error) => error);
      expect(String(failure)).toMatch(
        /retraining is not allowed: settings\.hyperparameters\.trainEpochs changed: a new training replaces model bot-[0-9a-f]{8}/,
      );
      // Creating a model that does not exist yet is always allowed: only the retraining is refused.
      const refusals = String(failure)
        .split("\n")
        .filter((line) => line.includes("not allowed"));
      expect(refusals.length).toBeGreaterThan(0);
      expect(refusals.join("\n")).not.toMatch(/newcomer/);

      declare({ ...declared, bot: { args: { ...declared.bot.args, allowRetrain: true } } });
      const allowed = await project.preview();
      expect(allowed.changes).toMatchObject({ replace: 1, create: 1 });
      expect(allowed.messages.join("\n")).toMatch(
        /bot: starts a training of .* × 3 epochs .*\(replaces bot-/,
      );
      await project.removeConfig("cohere:allowRetrain");
    },
    step,
  );

  it(
    "a replacement that misses its quality gate fails, stays in the stack, and the old model keeps serving",
    async () => {
      const original = (await outputs()).bot;
      declare({ bot: { args: { settings: settings(4), qualityGate: { minAccuracy: 0.99 } } } });
      const failure = await project.up().catch((error: Error) => error);
      expect(String(failure)).toMatch(
        /finished training but misses its quality gate: accuracy 0\.\d+ misses qualityGate minAccuracy 0\.99/,
      );
      const models = await admin.models();
      const gated = models.find((model) => model.id !== original.id)!;
      expect(gated.status).toBe("STATUS_READY");
      expect(models.find((model) => model.id === original.id)).toMatchObject({ status: "STATUS_READY" });
      expect(await project.exportState()).toContain(gated.id as string);

      // Until the gate or the training changes, every up reports the miss again and the original still serves.
      await admin.clearRequests();
      expect(String(await project.up().catch((error: Error) => error))).toMatch(/misses its quality gate/);
      expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(0);
      expect((await admin.models()).map((model) => model.id).sort()).toEqual([original.id, gated.id].sort());

      // A gate the training meets lets the update finish; only then is the original deleted.
      declare({ bot: { args: { settings: settings(4), qualityGate: { minAccuracy: 0.5 } } } });
      await project.up();
      expect((await admin.models()).map((model) => model.id)).toEqual([gated.id]);
      expect((await outputs()).bot.id).toBe(gated.id);
    },
    step,
  );
});
