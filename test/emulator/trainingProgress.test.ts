import { startEmulator } from "../../emulator/index";
import { chatRows, startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";
const TRAINING_MS = 100_000;

interface StepMetrics {
  step_number: number;
  created_at: string;
  metrics: Record<string, number>;
}

async function events(emulator: TestEmulator, id: string) {
  return (await emulator.send("GET", `${MODELS}/${id}/events`)).body.events as {
    status: string;
    created_at: string;
  }[];
}

describe("training phases", () => {
  test("the QUEUED and DEPLOYING_API shares of trainingMs are configurable; FINETUNING takes the rest", async () => {
    const emulator = await startTestEmulator({
      trainingMs: TRAINING_MS,
      queuedFraction: 0.5,
      deployingFraction: 0.25,
    });
    try {
      const model = await emulator.chatModel("split");
      await emulator.admin.advanceClock(TRAINING_MS);
      const history = await events(emulator, model.id as string);
      const created = Date.parse(model.created_at as string);
      expect(history.map((e) => [e.status, Date.parse(e.created_at) - created])).toEqual([
        ["STATUS_QUEUED", 0],
        ["STATUS_FINETUNING", 0.5 * TRAINING_MS],
        ["STATUS_DEPLOYING_API", 0.75 * TRAINING_MS],
        ["STATUS_READY", TRAINING_MS],
      ]);
    } finally {
      await emulator.close();
    }
  });

  test("shares that leave no time for FINETUNING, or lie outside 0..1, fail the start", async () => {
    await expect(startEmulator({ queuedFraction: 0.5, deployingFraction: 0.5 })).rejects.toThrow(
      /must stay below 1/,
    );
    await expect(startEmulator({ queuedFraction: -0.1 })).rejects.toThrow(/queuedFraction/);
    await expect(startEmulator({ deployingFraction: 1 })).rejects.toThrow(/deployingFraction/);
  });
});

describe("training-step metrics follow the FINETUNING phase", () => {
  let emulator: TestEmulator;
  let datasetId: string;
  /** 80 training examples (100 less the 20 % held out) × 9 epochs ÷ batches of 16: 45 steps. */
  const TOTAL_STEPS = 45;
  const EVALUATED_STEPS = [...Array.from({ length: 22 }, (_, i) => 2 * (i + 1)), 45];
  const settings = () => ({
    base_model: { base_type: "BASE_TYPE_CHAT" },
    dataset_id: datasetId,
    hyperparameters: { train_epochs: 9, train_batch_size: 16 },
  });
  const metrics = async (id: string, query: Record<string, string | number> = {}) =>
    (await emulator.send("GET", `${MODELS}/${id}/training-step-metrics`, { query })).body;

  beforeEach(async () => {
    emulator = await startTestEmulator({ trainingMs: TRAINING_MS, validationMs: 100 });
    const dataset = await emulator.dataset("chat-finetune-input", chatRows(100));
    expect(dataset.metrics).toMatchObject({
      finetune_dataset_metrics: { train_examples: 80, trainable_token_count: expect.any(Number) },
    });
    datasetId = dataset.id as string;
  });
  afterEach(() => emulator.close());

  test("an evaluation every floor(total / 20) steps and at the last, each when FINETUNING reaches it", async () => {
    const created = await emulator.createModel("stepped", settings());
    const model = created.body.finetuned_model as { id: string; created_at: string };
    const finetuningStart = Date.parse(model.created_at) + 0.1 * TRAINING_MS;
    const finetuningMs = 0.7 * TRAINING_MS;

    await emulator.admin.advanceClock(0.1 * TRAINING_MS + finetuningMs / 2);
    const midway = (await metrics(model.id)).step_metrics as StepMetrics[];
    expect(midway.map((m) => m.step_number)).toEqual(EVALUATED_STEPS.filter((step) => step <= 22));

    await emulator.admin.advanceClock(TRAINING_MS);
    const all = (await metrics(model.id, { page_size: 100 })).step_metrics as StepMetrics[];
    expect(all.map((m) => m.step_number)).toEqual(EVALUATED_STEPS);
    expect(all.map((m) => Date.parse(m.created_at))).toEqual(
      EVALUATED_STEPS.map((step) => finetuningStart + Math.round((step / TOTAL_STEPS) * finetuningMs)),
    );
    expect((await metrics(model.id, { page_size: 100 })).step_metrics).toEqual(all);
    for (const { metrics: values, step_number } of all) {
      expect(Object.keys(values).sort()).toEqual([
        "accuracy",
        "cross_entropy",
        "generation_accuracy",
        "generation_cross_entropy",
        "step",
      ]);
      expect(values.step).toBe(step_number);
    }
    for (let i = 1; i < all.length; i++) {
      const [before, after] = [all[i - 1].metrics, all[i].metrics];
      expect(after.accuracy).toBeGreaterThan(before.accuracy);
      expect(after.generation_accuracy).toBeGreaterThan(before.generation_accuracy);
      expect(after.cross_entropy).toBeLessThan(before.cross_entropy);
      expect(after.generation_cross_entropy).toBeLessThan(before.generation_cross_entropy);
    }
  });

  test("the metrics page with page_size and page_token", async () => {
    const created = await emulator.createModel("paged", settings());
    const id = (created.body.finetuned_model as { id: string }).id;
    await emulator.admin.advanceClock(TRAINING_MS);
    const steps: number[] = [];
    const sizes: number[] = [];
    let token = "";
    do {
      const page = await metrics(id, { page_size: 5, ...(token ? { page_token: token } : {}) });
      const items = page.step_metrics as StepMetrics[];
      steps.push(...items.map((m) => m.step_number));
      sizes.push(items.length);
      token = page.next_page_token as string;
    } while (token !== "");
    expect(sizes).toEqual([5, 5, 5, 5, 3]);
    expect(steps).toEqual(EVALUATED_STEPS);
  });

  test("a failing training stops evaluating halfway through FINETUNING", async () => {
    await emulator.admin.setFaults({ fail_training: ["doomed"] });
    const created = await emulator.createModel("doomed", settings());
    const id = (created.body.finetuned_model as { id: string }).id;
    await emulator.admin.advanceClock(TRAINING_MS);
    const steps = ((await metrics(id)).step_metrics as StepMetrics[]).map((m) => m.step_number);
    expect(steps).toEqual(EVALUATED_STEPS.filter((step) => step <= TOTAL_STEPS / 2));
  });
});
