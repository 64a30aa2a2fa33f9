import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";
const TRAINING_MS = 100_000;

describe("training lifecycle on the emulator's clock", () => {
  let emulator: TestEmulator;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: TRAINING_MS, validationMs: 100 });
  });
  afterEach(() => emulator.close());

  const get = async (id: string) =>
    (await emulator.send("GET", `${MODELS}/${id}`)).body.finetuned_model as Record<string, unknown>;
  const events = async (id: string) =>
    (await emulator.send("GET", `${MODELS}/${id}/events`)).body.events as {
      status: string;
      created_at: string;
      user_id?: string;
    }[];
  const metrics = async (id: string) =>
    (await emulator.send("GET", `${MODELS}/${id}/training-step-metrics`)).body.step_metrics as {
      step_number: number;
      created_at: string;
      metrics: Record<string, number>;
    }[];

  test("QUEUED → FINETUNING → DEPLOYING_API → READY, one event per change, completed_at at READY", async () => {
    const model = await emulator.chatModel("lifecycle");
    const id = model.id as string;
    expect(model).toMatchObject({ status: "STATUS_QUEUED" });
    expect(model).not.toHaveProperty("completed_at");
    expect(await metrics(id)).toEqual([]);

    await emulator.admin.advanceClock(0.2 * TRAINING_MS);
    expect(await get(id)).toMatchObject({ status: "STATUS_FINETUNING" });
    await emulator.admin.advanceClock(0.65 * TRAINING_MS);
    expect(await get(id)).toMatchObject({ status: "STATUS_DEPLOYING_API" });
    await emulator.admin.advanceClock(0.2 * TRAINING_MS);
    const ready = await get(id);
    expect(ready).toMatchObject({ status: "STATUS_READY" });

    const history = await events(id);
    expect(history.map((e) => e.status)).toEqual([
      "STATUS_QUEUED",
      "STATUS_FINETUNING",
      "STATUS_DEPLOYING_API",
      "STATUS_READY",
    ]);
    // The user who started the training, as on the model (Cohere's example); system-made events carry none.
    expect(history.map((e) => e.user_id)).toEqual([model.creator_id, undefined, undefined, undefined]);
    const created = Date.parse(model.created_at as string);
    expect(history.map((e) => Date.parse(e.created_at) - created)).toEqual(
      [0, 0.1, 0.8, 1].map((share) => share * TRAINING_MS),
    );
    expect(Date.parse(ready.completed_at as string) - created).toBe(TRAINING_MS);
    expect(ready.updated_at).toBe(ready.completed_at);
  });

  test("training-step metrics appear only while FINETUNING, with the documented metric names", async () => {
    // 8 training examples in batches of 2: four steps, so some are reached before others.
    const model = await emulator.chatModel("metrics", { hyperparameters: { train_batch_size: 2 } });
    const id = model.id as string;
    await emulator.admin.advanceClock(0.45 * TRAINING_MS);
    const midway = await metrics(id);
    expect(midway.length).toBeGreaterThan(0);
    await emulator.admin.advanceClock(0.4 * TRAINING_MS);
    const atDeploy = await metrics(id);
    expect(atDeploy.length).toBeGreaterThan(midway.length);
    await emulator.admin.advanceClock(TRAINING_MS);
    expect(await metrics(id)).toEqual(atDeploy);

    const steps = atDeploy.map((m) => m.step_number);
    expect(steps).toEqual([...steps].sort((a, b) => a - b));
    for (const { metrics: values, step_number } of atDeploy) {
      expect(Object.keys(values).sort()).toEqual([
        "accuracy",
        "cross_entropy",
        "generation_accuracy",
        "generation_cross_entropy",
        "step",
      ]);
      expect(values.step).toBe(step_number);
    }
    expect(atDeploy[atDeploy.length - 1].metrics.cross_entropy).toBeLessThan(
      atDeploy[0].metrics.cross_entropy,
    );
  });

  test("a small trainingMs completes in real time too", async () => {
    const quick = await startTestEmulator({ trainingMs: 50, validationMs: 0 });
    try {
      const model = await quick.chatModel("quick");
      await new Promise((resolve) => setTimeout(resolve, 80));
      const got = await quick.send("GET", `${MODELS}/${model.id as string}`);
      expect(got.body.finetuned_model).toMatchObject({ status: "STATUS_READY" });
    } finally {
      await quick.close();
    }
  });

  test("fail_training makes the named models' training end STATUS_FAILED, even when set after create", async () => {
    await emulator.admin.setFaults({ fail_training: ["doomed", "late-doomed"] });
    const doomed = await emulator.chatModel("doomed");
    await emulator.admin.setFaults({});
    const spared = await emulator.chatModel("spared");
    const late = await emulator.chatModel("late-doomed");
    await emulator.admin.advanceClock(0.5 * TRAINING_MS);
    await emulator.admin.setFaults({ fail_training: ["late-doomed"] });
    await emulator.admin.advanceClock(TRAINING_MS);

    for (const id of [doomed.id, late.id] as string[]) {
      const failed = await get(id);
      expect(failed).toMatchObject({ status: "STATUS_FAILED" });
      expect(failed).not.toHaveProperty("completed_at");
      expect((await events(id)).map((e) => e.status)).toEqual([
        "STATUS_QUEUED",
        "STATUS_FINETUNING",
        "STATUS_FAILED",
      ]);
    }
    expect(await get(spared.id as string)).toMatchObject({ status: "STATUS_READY" });
    expect((await metrics(doomed.id as string)).length).toBeLessThan(
      (await metrics(spared.id as string)).length,
    );
  });

  test("the admin API forces a status: others freeze the model, a lifecycle phase restarts the run", async () => {
    const model = await emulator.chatModel("forced");
    const id = model.id as string;
    const path = `finetuned-models/${id}`;
    await emulator.admin.advanceClock(0.3 * TRAINING_MS);

    const paused = await emulator.send("PATCH", `/_emulator/${path}`, {
      body: { status: "STATUS_PAUSED" },
      auth: false,
    });
    expect(paused.body.finetuned_model).toMatchObject({ id, status: "STATUS_PAUSED" });
    await emulator.admin.advanceClock(2 * TRAINING_MS);
    expect(await get(id)).toMatchObject({ status: "STATUS_PAUSED" });

    await emulator.admin.forceStatus(id, "STATUS_FINETUNING");
    expect(await get(id)).toMatchObject({ status: "STATUS_FINETUNING" });
    await emulator.admin.advanceClock(TRAINING_MS);
    expect(await get(id)).toMatchObject({ status: "STATUS_READY" });
    expect((await events(id)).map((e) => e.status)).toEqual([
      "STATUS_QUEUED",
      "STATUS_FINETUNING",
      "STATUS_PAUSED",
      "STATUS_FINETUNING",
      "STATUS_DEPLOYING_API",
      "STATUS_READY",
    ]);

    await emulator.admin.forceStatus(id, "STATUS_DELETED");
    expect(await get(id)).toMatchObject({ status: "STATUS_DELETED" });

    const invalid = await emulator.send("PATCH", `/_emulator/${path}`, {
      body: { status: "STATUS_BORED" },
      auth: false,
    });
    expect(invalid.status).toBe(400);
    const unknown = await emulator.send(
      "PATCH",
      "/_emulator/finetuned-models/0b9b1c8e-3f44-4c59-9d87-4a6b1e2a7c11",
      {
        body: {
          status: "STATUS_READY",
        },
        auth: false,
      },
    );
    expect(unknown.status).toBe(404);
  });

  test("the clock endpoint moves time forward only", async () => {
    const before = await emulator.admin.clock();
    const after = await emulator.admin.advanceClock(3_600_000);
    expect(Date.parse(after.now as string) - Date.parse(before.now as string)).toBeGreaterThanOrEqual(
      3_600_000,
    );
    expect(after.offset_ms).toBe(3_600_000);
    expect(
      (await emulator.send("POST", "/_emulator/clock", { body: { advance_ms: -1 }, auth: false })).status,
    ).toBe(400);
    expect(
      (await emulator.send("POST", "/_emulator/clock", { body: { advance_ms: "1h" }, auth: false })).status,
    ).toBe(400);
  });
});

describe("state file", () => {
  test("models, datasets and the clock survive a restart; training continues from where it was", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohere-emulator-"));
    const stateFile = join(dir, "state.json");
    try {
      const first = await startTestEmulator({ trainingMs: TRAINING_MS, validationMs: 100, stateFile });
      const model = await first.chatModel("durable", {
        wandb: { project: "p", api_key: "wandb-secret-in-state" },
      });
      await first.admin.advanceClock(0.5 * TRAINING_MS);
      await first.close();
      expect(readFileSync(stateFile, "utf8")).not.toContain("wandb-secret-in-state");

      const second = await startTestEmulator({ trainingMs: 1, validationMs: 100, stateFile });
      try {
        const got = await second.send("GET", `${MODELS}/${model.id as string}`);
        expect(got.body.finetuned_model).toMatchObject({ name: "durable", status: "STATUS_FINETUNING" });
        expect((await second.send("GET", "/v1/datasets")).body.datasets).toHaveLength(1);
        await second.admin.advanceClock(0.5 * TRAINING_MS);
        expect(
          (await second.send("GET", `${MODELS}/${model.id as string}`)).body.finetuned_model,
        ).toMatchObject({
          status: "STATUS_READY",
        });
      } finally {
        await second.close();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a state file's missing directory is created", async () => {
    const dir = mkdtempSync(join(tmpdir(), "emulator-state-"));
    const stateFile = join(dir, "nested", "state.json");
    try {
      const emulator = await startTestEmulator({ stateFile });
      await emulator.close();
      expect(existsSync(stateFile)).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test("a state file that cannot be written fails the start", async () => {
    await expect(startTestEmulator({ stateFile: "/dev/null/state.json" })).rejects.toThrow(/ENOTDIR|EEXIST/);
  });
});
