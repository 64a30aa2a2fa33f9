import {
  backoff,
  PollSchedule,
  PollTiming,
  pollSchedule,
  waitForStatus,
} from "../../provider/lifecycle/waitForStatus";
import { trainingStatuses } from "../../provider/finetunedModel/diff";
import { timingFromEnv } from "../../provider/lifecycle/timing";
import { parseDurationMs, formatDuration } from "../../provider/lifecycle/duration";
import type { WireFinetunedModel } from "../../provider/cohere/wireTypes";
import { ApiConnectionError, AuthenticationError, InternalServerError } from "../../provider/cohere/errors";

const model = (status: string): WireFinetunedModel => ({
  id: "m1",
  name: "bot",
  status,
  settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: "d" },
});

function fakeClock() {
  let now = 0;
  const sleeps: number[] = [];
  return {
    now: () => now,
    sleep: async (ms: number) => {
      sleeps.push(ms);
      now += ms;
    },
    sleeps,
  };
}

/** Waits for a model as the FinetunedModel provider does: on while a training runs, ended by any other status. */
function waitUntilReady(
  first: WireFinetunedModel,
  {
    getModel,
    schedule,
    ...timing
  }: Omit<PollTiming<WireFinetunedModel>, "nextDelay"> & {
    getModel: () => Promise<WireFinetunedModel>;
    schedule: PollSchedule;
  },
) {
  const statusOf = (m: WireFinetunedModel) => m.status!;
  return waitForStatus(
    first,
    { get: getModel, nameOf: (m) => m.name, statusOf, pendingStatuses: trainingStatuses },
    { ...timing, nextDelay: backoff(schedule, statusOf) },
  );
}

describe("waiting for a training", () => {
  const schedule = { initialMs: 1000, maxMs: 4000, factor: 2 };

  it("polls with growing delays until READY and reports each status once", async () => {
    const clock = fakeClock();
    const statuses = [
      "STATUS_QUEUED",
      "STATUS_FINETUNING",
      "STATUS_FINETUNING",
      "STATUS_DEPLOYING_API",
      "STATUS_READY",
    ];
    const reports: string[] = [];
    const outcome = await waitUntilReady(model("STATUS_QUEUED"), {
      getModel: async () => model(statuses.shift()!),
      deadline: 60_000,
      schedule,
      report: (m) => reports.push(m),
      ...clock,
    });
    expect(outcome).toMatchObject({ kind: "settled", polls: 5, item: { status: "STATUS_READY" } });
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 4000, 4000]);
    expect(reports.map((r) => r.split(" ")[1])).toEqual([
      "STATUS_QUEUED",
      "STATUS_FINETUNING",
      "STATUS_DEPLOYING_API",
      "STATUS_READY",
    ]);
  });

  it("keeps waiting through polls that fail transiently, and stops on one that will not heal", async () => {
    const clock = fakeClock();
    const details = { method: "GET", path: "/v1/finetuning/finetuned-models/m1" };
    const answers: Array<() => WireFinetunedModel> = [
      () => {
        throw new InternalServerError({ ...details, status: 503 });
      },
      () => {
        throw new ApiConnectionError({ ...details, code: "ECONNRESET" });
      },
      () => model("STATUS_READY"),
    ];
    const reports: string[] = [];
    const outcome = await waitUntilReady(model("STATUS_QUEUED"), {
      getModel: async () => answers.shift()!(),
      deadline: 60_000,
      schedule,
      report: (m) => reports.push(m),
      ...clock,
    });
    expect(outcome.kind).toBe("settled");
    expect(reports.filter((r) => r.includes("still waiting"))).toHaveLength(2);

    const unauthorized = waitUntilReady(model("STATUS_QUEUED"), {
      getModel: async () => {
        throw new AuthenticationError({ ...details, status: 401 });
      },
      deadline: 60_000,
      schedule,
      report: () => {},
      ...fakeClock(),
    });
    await expect(unauthorized).rejects.toBeInstanceOf(AuthenticationError);
  });

  it("polls more often while deploying, the short last step", async () => {
    const clock = fakeClock();
    const statuses = [
      "STATUS_FINETUNING",
      "STATUS_FINETUNING",
      "STATUS_DEPLOYING_API",
      "STATUS_DEPLOYING_API",
      "STATUS_READY",
    ];
    const deploying = { ...schedule, maxMsByStatus: { STATUS_DEPLOYING_API: 1500 } };
    await waitUntilReady(model("STATUS_FINETUNING"), {
      getModel: async () => model(statuses.shift()!),
      deadline: 60_000,
      schedule: deploying,
      report: () => {},
      ...clock,
    });
    expect(clock.sleeps).toEqual([1000, 2000, 4000, 1500, 1500]);
  });

  it("defaults to a one-minute cap, 20 s while deploying", () => {
    expect(pollSchedule(timingFromEnv({}))).toEqual({
      initialMs: 1000,
      maxMs: 60_000,
      factor: 1.5,
      maxMsByStatus: { STATUS_DEPLOYING_API: 20_000 },
    });
  });

  it.each([
    "STATUS_FAILED",
    "STATUS_PAUSED",
    "STATUS_TEMPORARILY_OFFLINE",
    "STATUS_DELETED",
    "STATUS_UNSPECIFIED",
  ])("ends at %s, a status where no training runs, without waiting for the deadline", async (status) => {
    const clock = fakeClock();
    const outcome = await waitUntilReady(model("STATUS_QUEUED"), {
      getModel: async () => model(status),
      deadline: 24 * 3_600_000,
      schedule,
      report: () => {},
      ...clock,
    });
    expect(outcome).toMatchObject({ kind: "settled", polls: 1, item: { status } });
    expect(clock.now()).toBe(1000);
  });

  it("gives up at the deadline without sleeping past it", async () => {
    const clock = fakeClock();
    const outcome = await waitUntilReady(model("STATUS_QUEUED"), {
      getModel: async () => model("STATUS_FINETUNING"),
      deadline: 5_500,
      schedule,
      report: () => {},
      ...clock,
    });
    expect(outcome.kind).toBe("timedOut");
    expect(clock.now()).toBe(5_500);
  });

  it("sleeps only what is left of the deadline after a delay that took long to choose", async () => {
    const clock = fakeClock();
    const outcome = await waitForStatus(
      model("STATUS_FINETUNING"),
      {
        get: async () => model("STATUS_FINETUNING"),
        nameOf: (m) => m.name,
        statusOf: (m) => m.status!,
        pendingStatuses: trainingStatuses,
      },
      {
        ...clock,
        deadline: 10_000,
        report: () => {},
        // Choosing the delay reads the training's evaluations: here that read lasts 8 s.
        nextDelay: async () => {
          await clock.sleep(8_000);
          return 5_000;
        },
      },
    );
    expect(outcome.kind).toBe("timedOut");
    expect(clock.sleeps).toEqual([8_000, 2_000]);
  });
});

describe("durations", () => {
  it.each([
    ["90m", 5_400_000],
    ["1h30m", 5_400_000],
    ["45s", 45_000],
    ["1.5h", 5_400_000],
    ["250ms", 250],
  ])("parses %s", (text, ms) => expect(parseDurationMs(text)).toBe(ms));

  it.each(["", "10", "ten minutes", "5m junk"])("rejects %j", (text) =>
    expect(() => parseDurationMs(text)).toThrow(/duration/),
  );

  it("formats for humans", () => {
    expect(formatDuration(42_000)).toBe("42s");
    expect(formatDuration(125_000)).toBe("2m5s");
    expect(formatDuration(5_400_000)).toBe("1h30m");
  });
});
