import {
  type PlanJudgement,
  planWarning,
  queueWarning,
  TrainingQueue,
} from "../../provider/finetunedModel/trainingQueue";
import type { EngineParallelism } from "../../provider/lifecycle/engineParallelism";

const eight: EngineParallelism = { slots: 8, source: "default" };

function queue(slots: EngineParallelism = eight, judgePlan: PlanJudgement = "atPlanEnd") {
  const warnings: string[] = [];
  const announced: string[] = [];
  const q = new TrainingQueue({
    warn: (message) => warnings.push(message),
    announce: (message) => announced.push(message),
    slots: () => slots,
    judgePlan,
  });
  return { q, warnings, announced };
}
/** A training on a dataset of known size. */
const training = (resource: string) => ({
  resource,
  datasetId: "ds-1",
  tokens: { trainable: 100, epochs: 1, total: 100 },
});
const models = (count: number) => Array.from({ length: count }, (_, i) => `model-${i}`);

beforeEach(() => jest.useFakeTimers());
afterEach(() => jest.useRealTimers());

describe("the plan warning", () => {
  it("is said once, with the final count, when the plan ends", () => {
    const { q, warnings } = queue();
    for (const model of models(16)) q.planned(training(model));
    q.planned(training("model-0"));
    expect(warnings).toEqual([]);
    q.planEnded();
    expect(warnings).toEqual([planWarning(16, eight)]);
    q.planned(training("model-16"));
    q.planEnded();
    expect(warnings).toHaveLength(1);
  });

  it("is not said when the trainings fit in the slots", () => {
    const { q, warnings } = queue();
    models(8).forEach((model) => q.planned(training(model)));
    q.planEnded();
    expect(warnings).toEqual([]);
  });

  it("is not said once a training started waiting", () => {
    const { q, warnings } = queue();
    models(16).forEach((model) => q.planned(training(model)));
    q.startedWaiting("model-0");
    q.stoppedWaiting("model-0");
    q.planEnded();
    expect(warnings).toEqual([]);
  });

  it("judged at each check, is said once, as soon as the trainings outnumber the slots, as a lower bound", () => {
    const { q, warnings } = queue(eight, "atEachCheck");
    models(8).forEach((model) => q.planned(training(model)));
    expect(warnings).toEqual([]);
    q.planned(training("model-8"));
    expect(warnings).toEqual([planWarning(9, eight, true)]);
    expect(warnings[0]).toContain("this update starts at least 9 trainings");
    q.planned(training("model-9"));
    q.planEnded();
    expect(warnings).toHaveLength(1);
  });

  it("names the count, the slots and where they came from, the waves and the fix", () => {
    expect(planWarning(16, eight)).toBe(
      "this update starts 16 trainings, but Pulumi runs at most 8 resource operations at once (--parallel, 4 per " +
        "CPU by default) and each training holds one until its model is READY: they would train in 2 waves. Run " +
        "`pulumi up --parallel 16` (or set PULUMI_PARALLEL=16) to train them side by side.",
    );
    expect(planWarning(17, { slots: 8, source: "flag" })).toContain("at once (--parallel 8 as passed)");
    expect(planWarning(17, { slots: 8, source: "flag" })).toContain("in 3 waves");
    expect(planWarning(2, { slots: 1, source: "PULUMI_PARALLEL" })).toContain(
      "at most 1 resource operation at once (PULUMI_PARALLEL=1)",
    );
  });
});

describe("the summary of a preview's trainings", () => {
  it("is said once, when the operation ends, if no training started", () => {
    const { q, announced } = queue();
    models(3).forEach((model) => q.planned(training(model)));
    expect(announced).toEqual([]);
    q.planEnded();
    q.planEnded();
    expect(announced).toEqual([
      "this update starts 3 trainings: on 1 uploaded dataset process 300 tokens in all (trainable tokens × " +
        "epochs; the largest, model-0, 100 tokens)",
    ]);
  });

  it("is not said by an update that started trainings, nor for a single training", () => {
    const started = queue();
    models(3).forEach((model) => started.q.planned(training(model)));
    started.q.startedWaiting("model-0");
    started.q.planEnded();
    expect(started.announced).toEqual([]);
    const single = queue();
    single.q.planned(training("model-0"));
    single.q.planEnded();
    expect(single.announced).toEqual([]);
  });
});

describe("the queue warning", () => {
  function upWith(planned: number, starting: number) {
    const { q, warnings } = queue();
    const names = models(planned);
    names.forEach((model) => q.planned(training(model)));
    for (const model of names.slice(0, starting)) {
      q.startedWaiting(model);
      jest.advanceTimersByTime(50);
    }
    return { q, warnings, names };
  }

  it("is said when 8 of 16 trainings start and none ends within the settle time", () => {
    const { warnings } = upWith(16, 8);
    jest.advanceTimersByTime(1900);
    expect(warnings).toEqual([]);
    jest.advanceTimersByTime(100);
    expect(warnings).toEqual([queueWarning(16, 8)]);
    expect(warnings[0]).toBe(
      "trainings are queuing for Pulumi's slots: 8 are running and at least 8 more are waiting, because Pulumi " +
        "runs at most 8 resource operations at once (--parallel) and each training holds one until READY: this " +
        "update trains in at least 2 waves, each as long as a training. Next time run `pulumi up --parallel <n>` " +
        "(or set PULUMI_PARALLEL=<n>) with n the number of trainings its preview lists.",
    );
  });

  it("is not said when every planned training runs", () => {
    const { warnings } = upWith(8, 8);
    jest.advanceTimersByTime(5000);
    expect(warnings).toEqual([]);
  });

  it("is not said when a wait ends before the settle time", () => {
    const { q, warnings, names } = upWith(16, 8);
    q.stoppedWaiting(names[0]);
    jest.advanceTimersByTime(5000);
    q.startedWaiting(names[8]);
    jest.advanceTimersByTime(5000);
    expect(warnings).toEqual([]);
  });

  it("is said once only", () => {
    const { q, warnings, names } = upWith(24, 8);
    jest.advanceTimersByTime(2000);
    names.slice(8, 16).forEach((model) => q.startedWaiting(model));
    jest.advanceTimersByTime(5000);
    expect(warnings).toEqual([queueWarning(24, 8)]);
  });

  it("counts 1 running in the singular", () => {
    expect(queueWarning(3, 1)).toContain(
      "1 is running and at least 2 more are waiting, because Pulumi runs at most 1 resource operation at once",
    );
    expect(queueWarning(9, 8)).toContain("at least 1 more is waiting");
  });
});

it("uses the real timers by default, without keeping the process alive", () => {
  jest.useRealTimers();
  const warnings: string[] = [];
  const q = new TrainingQueue({
    warn: (m) => warnings.push(m),
    slots: () => eight,
    judgePlan: "atPlanEnd",
    queueSettleMs: 5,
  });
  models(9).forEach((model) => q.planned(training(model)));
  models(8).forEach((model) => q.startedWaiting(model));
  return new Promise<void>((resolve) =>
    setTimeout(() => {
      expect(warnings).toEqual([queueWarning(9, 8)]);
      resolve();
    }, 50),
  );
});
