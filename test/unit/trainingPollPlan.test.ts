import type { WireFinetunedModel, WireTrainingStepMetrics } from "../../provider/cohere/wireTypes";
import {
  predictedFinetuningEnd,
  totalTrainingSteps,
  trainingPollPlan,
  TrainingPollTiming,
} from "../../provider/finetunedModel/trainingPollPlan";

const timing: TrainingPollTiming = {
  initialMs: 1000,
  maxQueuedMs: 600_000,
  maxPredictedMs: 1_200_000,
  minPredictingMs: 120_000,
  deployingMs: 40_000,
  afterPredictedEndMs: 5_000,
};
const model = (status: string): WireFinetunedModel => ({
  name: "m",
  status,
  settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: "d" },
});
const evaluation = (step: number, atMs: number): WireTrainingStepMetrics => ({
  step_number: step,
  created_at: new Date(atMs).toISOString(),
  metrics: { accuracy: 0.5 },
});

describe("the steps of a training", () => {
  it("are examples × epochs ÷ batch size, rounded up, with Cohere's defaults (1 epoch, batches of 16)", () => {
    expect(totalTrainingSteps(100)).toBe(7);
    expect(totalTrainingSteps(100, 3, 8)).toBe(38);
    expect(totalTrainingSteps(0)).toBe(1);
  });

  it("end where the pace of the evaluations so far says they will", () => {
    // 10 steps per minute from step 10 at minute 1: step 100 at minute 10.
    expect(predictedFinetuningEnd([evaluation(20, 120_000), evaluation(10, 60_000)], 100)).toBe(600_000);
    expect(predictedFinetuningEnd([evaluation(10, 60_000)], 100)).toBeUndefined();
    expect(predictedFinetuningEnd([], 100)).toBeUndefined();
  });

  it("have no predictable end from evaluations that all report one step", () => {
    expect(predictedFinetuningEnd([evaluation(120, 60_000), evaluation(120, 160_000)], 100)).toBeUndefined();
    expect(predictedFinetuningEnd([evaluation(20, 60_000), evaluation(20, 160_000)], 100)).toBeUndefined();
  });
});

describe("the pause before the next poll of a training", () => {
  const plan = (
    now: number,
    evaluations: WireTrainingStepMetrics[],
    totalSteps: number | "unknown" = 100,
  ) => {
    const reads: number[] = [];
    const next = trainingPollPlan({
      timing,
      totalSteps: totalSteps === "unknown" ? undefined : totalSteps,
      readSteps: async () => {
        reads.push(now);
        return evaluations;
      },
      now: () => now,
    });
    return { next, reads };
  };

  it("doubles with the time waited while queued, up to the cap, without reading evaluations", async () => {
    const { next, reads } = plan(0, []);
    expect(await next(model("STATUS_QUEUED"), 0)).toBe(1000);
    expect(await next(model("STATUS_QUEUED"), 30_000)).toBe(30_000);
    expect(await next(model("STATUS_QUEUED"), 3_600_000)).toBe(600_000);
    expect(reads).toEqual([]);
  });

  it("sleeps until just after the predicted end of the finetuning phase, reading the evaluations once", async () => {
    const { next, reads } = plan(150_000, [evaluation(10, 60_000), evaluation(20, 120_000)]);
    expect(await next(model("STATUS_FINETUNING"), 150_000)).toBe(600_000 - 150_000 + 5_000);
    expect(await next(model("STATUS_FINETUNING"), 150_000)).toBe(600_000 - 150_000 + 5_000);
    expect(reads).toHaveLength(1);
  });

  it("backs off, doubling, while a training outlasts its predicted end, reading the evaluations once per pause", async () => {
    let now = 605_000;
    const reads: number[] = [];
    const next = trainingPollPlan({
      timing,
      totalSteps: 100,
      readSteps: async () => {
        reads.push(now);
        return [evaluation(10, 60_000), evaluation(20, 120_000)];
      },
      now: () => now,
    });
    const pauses: number[] = [];
    for (let poll = 0; poll < 5; poll++) {
      pauses.push(await next(model("STATUS_FINETUNING"), now));
      now += pauses[poll];
    }
    // The predicted end was minute 10 (600 s); the first poll came 5 s after it.
    expect(pauses).toEqual([5_000, 10_000, 20_000, 40_000, 80_000]);
    expect(reads).toHaveLength(5);
  });

  it("reads no evaluation before the wait has lasted two minutes: a shorter training gains nothing by them", async () => {
    const { next, reads } = plan(60_000, [evaluation(10, 10_000), evaluation(20, 20_000)]);
    expect(await next(model("STATUS_FINETUNING"), 60_000)).toBe(60_000);
    expect(reads).toEqual([]);
  });

  it("never sleeps longer than the cap towards a far prediction, in case the training stops early", async () => {
    const { next } = plan(3_600_000, [evaluation(1, 0), evaluation(2, 3_600_000)]);
    expect(await next(model("STATUS_FINETUNING"), 3_600_000)).toBe(1_200_000);
  });

  it("doubles while finetuning until two evaluations tell the pace", async () => {
    const { next } = plan(300_000, [evaluation(10, 60_000)]);
    expect(await next(model("STATUS_FINETUNING"), 300_000)).toBe(300_000);
  });

  it("polls at a steady pace while the trained model is deployed", async () => {
    const { next } = plan(0, []);
    expect(await next(model("STATUS_DEPLOYING_API"), 5_000_000)).toBe(40_000);
  });

  it("falls back to the backoff schedule when the steps to go are unknown", async () => {
    const { next, reads } = plan(0, [], "unknown");
    expect(await next(model("STATUS_FINETUNING"), 0)).toBe(1000);
    expect(await next(model("STATUS_FINETUNING"), 1000)).toBe(1500);
    expect(reads).toEqual([]);
  });
});
