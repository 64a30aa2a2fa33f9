import type { EmulatorAdmin } from "../../emulator/index";
import { DeclaredModel, emulatorProject, modelsProgram, UserProject } from "./harness";
import { countRequests, startTestEmulator, testApiKey, fastProviderEnv } from "../support/emulator";

const wandbKey = "wandb-e2e-key-never-in-state-7f3a";
const step = 180_000;

describe("FinetunedModel on the real Pulumi engine", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;
  let datasetId: string;
  let declared: Record<string, DeclaredModel>;

  const chat = (hyperparameters: Record<string, number> = { trainEpochs: 1 }) => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" as const },
    datasetId,
    hyperparameters,
  });

  const up = () => {
    project.writeFile("index.ts", modelsProgram(declared));
    return project.up();
  };
  const preview = () => {
    project.writeFile("index.ts", modelsProgram(declared));
    return project.preview();
  };
  const outputs = async () =>
    (await project.outputs()).models as Record<
      string,
      { id: string; status: string; name: string; inferenceModelName: string }
    >;

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 1500 });
    admin = emulator.admin;
    datasetId = await admin.createChatDataset();
    declared = {
      alpha: { args: { settings: chat() } },
      beta: { args: { settings: chat({ trainEpochs: 2 }) } },
      gamma: {
        args: {
          name: "gamma-model",
          settings: { ...chat(), wandb: { project: "e2e", apiKey: "secret:wandbKey" } },
        },
      },
    };
    project = await emulatorProject({ emulatorUrl: emulator.url, apiKey: testApiKey, env: fastProviderEnv });
    await project.setConfig("wandbKey", wandbKey, { secret: true });
  }, step);

  afterAll(async () => {
    await project?.cleanup();
    await emulator?.close();
  });

  it(
    "1. up creates several models that reach READY, with the right outputs",
    async () => {
      await up();
      const models = await outputs();
      expect(Object.keys(models).sort()).toEqual(["alpha", "beta", "gamma"]);
      for (const model of Object.values(models)) {
        expect(model.status).toBe("STATUS_READY");
        expect(model.inferenceModelName).toBe(`${model.id}-ft`);
      }
      expect(models.alpha.name).toMatch(/^alpha-[0-9a-f]{8}$/);
      expect(models.gamma.name).toBe("gamma-model");
      expect((await admin.models()).length).toBe(3);
    },
    step,
  );

  it(
    "2. a second preview and up change nothing and make zero API calls",
    async () => {
      await admin.clearRequests();
      expect((await preview()).changes).toEqual({ same: 4 });
      expect((await up()).changes).toEqual({ same: 4 });
      expect(await admin.requests()).toEqual([]);
    },
    step,
  );

  it(
    "3. a name change updates in place: one PATCH, same id",
    async () => {
      const before = await outputs();
      declared.gamma.args = { ...declared.gamma.args, name: "gamma-renamed" };
      await admin.clearRequests();
      expect((await up()).changes).toMatchObject({ update: 1 });
      const after = await outputs();
      expect(after.gamma.id).toBe(before.gamma.id);
      expect(after.gamma.name).toBe("gamma-renamed");
      const requests = await admin.requests();
      expect(countRequests(requests, "PATCH", /finetuned-models\//)).toBe(1);
      expect(countRequests(requests, "POST", /finetuned-models$/)).toBe(0);
    },
    step,
  );

  it(
    "4. a hyperparameter change replaces: the new model is READY before the old one is deleted",
    async () => {
      const oldId = (await outputs()).alpha.id;
      declared.alpha.args = { settings: chat({ trainEpochs: 3 }) };
      expect((await preview()).changes).toMatchObject({ replace: 1 });
      await admin.clearRequests();
      expect((await up()).changes).toMatchObject({ replace: 1 });
      const newModel = (await outputs()).alpha;
      expect(newModel.id).not.toBe(oldId);
      expect(newModel.status).toBe("STATUS_READY");
      const requests = await admin.requests();
      const lastPollOfNew = requests
        .map((r) => r.path)
        .lastIndexOf(`/v1/finetuning/finetuned-models/${newModel.id}`);
      const deleteOfOld = requests.findIndex((r) => r.method === "DELETE" && r.path.endsWith(oldId));
      expect(lastPollOfNew).toBeGreaterThanOrEqual(0);
      expect(deleteOfOld).toBeGreaterThan(lastPollOfNew);
      expect((await admin.models()).map((m) => m.id)).not.toContain(oldId);
    },
    step,
  );

  it(
    "5. a model deleted outside Pulumi: refresh drops it, the next up recreates it",
    async () => {
      const betaId = (await outputs()).beta.id;
      await admin.api("DELETE", `/v1/finetuning/finetuned-models/${betaId}`);
      expect((await project.refresh()).changes).toMatchObject({ delete: 1 });
      expect((await up()).changes).toMatchObject({ create: 1 });
      const beta = (await outputs()).beta;
      expect(beta.id).not.toBe(betaId);
      expect(beta.status).toBe("STATUS_READY");
    },
    step,
  );

  it(
    "6. a training that ends FAILED fails up clearly, stays in state, and the next up replaces it",
    async () => {
      declared.delta = { args: { name: "delta-doomed", settings: chat() } };
      await admin.setFaults({ fail_training: ["delta-doomed"] });
      const failure = await up().catch((error: Error) => error);
      expect(failure).toBeInstanceOf(Error);
      expect(String((failure as Error).message)).toMatch(
        /training of model delta-doomed \(.*\) ended STATUS_FAILED/,
      );
      const failedId = (await admin.models()).find((m) => m.name === "delta-doomed")!.id as string;
      expect(await project.exportState()).toContain(failedId);

      await admin.setFaults({});
      const previewed = await preview();
      expect(previewed.messages.join("\n")).toMatch(/STATUS_FAILED/);
      expect((await up()).changes).toMatchObject({ replace: 1 });
      const delta = (await outputs()).delta;
      expect(delta.status).toBe("STATUS_READY");
      expect((await admin.models()).map((m) => m.id)).not.toContain(failedId);
    },
    step,
  );

  it(
    "7. customTimeouts.create shorter than the training: up times out, nothing is orphaned, the next up finishes",
    async () => {
      declared.slow = {
        args: { name: "slow-model", settings: chat() },
        opts: { customTimeouts: { create: "300ms" } },
      };
      const failure = await up().catch((error: Error) => error);
      expect(String((failure as Error).message)).toMatch(
        /timed out after 0s waiting for model slow-model .* resumes waiting/,
      );
      const slowModels = () => admin.models().then((models) => models.filter((m) => m.name === "slow-model"));
      expect(await slowModels()).toHaveLength(1);

      const [slow] = await slowModels();
      declared.slow.opts = { customTimeouts: { create: "300ms", update: "5m" } };
      await admin.clearRequests();
      // Resuming is an update of the same model: no new training, and nothing deleted.
      expect((await up()).changes).toEqual({ same: 5, update: 1 });
      const requests = await admin.requests();
      expect(countRequests(requests, "POST", /finetuned-models$/)).toBe(0);
      expect(requests.filter((r) => r.method === "DELETE")).toEqual([]);
      expect((await outputs()).slow).toMatchObject({ id: slow.id, status: "STATUS_READY" });
      expect(await slowModels()).toHaveLength(1);
    },
    step,
  );

  it(
    "8. adopting an existing model by id manages it without creating a new one",
    async () => {
      const made = await admin.api("POST", "/v1/finetuning/finetuned-models", {
        name: "handmade",
        settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
      });
      const handmadeId = (made.body.finetuned_model as { id: string }).id;
      declared.adopted = { args: { name: "handmade", adoptModelId: handmadeId, settings: chat() } };
      await admin.clearRequests();
      expect((await up()).changes).toMatchObject({ create: 1 });
      expect((await outputs()).adopted.id).toBe(handmadeId);
      expect(countRequests(await admin.requests(), "POST", /finetuned-models$/)).toBe(0);
    },
    step,
  );

  it(
    "9. an invalid spec fails preview naming the field, with zero API calls",
    async () => {
      const saved = declared.beta.args;
      declared.beta.args = { settings: chat({ trainEpochs: 99 }) };
      await admin.clearRequests();
      const failure = await preview().catch((error: Error) => error);
      expect(String((failure as Error).message)).toMatch(/settings\.hyperparameters\.trainEpochs/);
      expect(await admin.requests()).toEqual([]);
      declared.beta.args = saved;
    },
    step,
  );

  it("11. neither the exported state nor any CLI output contains the API key or the wandb key", async () => {
    const state = await project.exportState();
    expect(state).toContain("ciphertext");
    for (const text of [state, project.output()]) {
      expect(text).not.toContain(testApiKey);
      expect(text).not.toContain(wandbKey);
    }
  });

  it(
    "10. destroy deletes every model; the emulator is empty afterwards",
    async () => {
      await project.destroy();
      expect(await admin.models()).toEqual([]);
    },
    step,
  );
});
