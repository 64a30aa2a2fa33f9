import { timingFromEnv } from "../../provider/lifecycle/timing";
import { pollSchedule } from "../../provider/lifecycle/waitForStatus";
import { trainingPollTiming } from "../../provider/finetunedModel/trainingPollPlan";

describe("the timing knobs", () => {
  it("default to what suits Cohere", () => {
    expect(timingFromEnv({})).toEqual({
      pollInitialMs: 1000,
      pollMaxMs: 600_000,
      pollDeployingMs: 40_000,
      maxRetries: 5,
      retryBaseMs: 1000,
      createVisibilityMs: 180_000,
      createLookupMs: 1000,
    });
  });

  it("give COHERE_POLL_MAX_MS one meaning: the longest pause, which a minute's backoff never exceeds", () => {
    const short = timingFromEnv({ COHERE_POLL_MAX_MS: "50" });
    expect(pollSchedule(short).maxMs).toBe(50);
    expect(trainingPollTiming(short).maxQueuedMs).toBe(50);
    const long = timingFromEnv({ COHERE_POLL_MAX_MS: "300000" });
    expect(pollSchedule(long).maxMs).toBe(60_000);
    expect(trainingPollTiming(long).maxQueuedMs).toBe(300_000);
  });

  it("keep the HTTP back-off apart from the lookups for a create", () => {
    const timing = timingFromEnv({ COHERE_RETRY_BASE_MS: "10", COHERE_CREATE_LOOKUP_MS: "20" });
    expect(timing.retryBaseMs).toBe(10);
    expect(timing.createLookupMs).toBe(20);
    expect(timingFromEnv({ COHERE_RETRY_BASE_MS: "10" }).createLookupMs).toBe(1000);
  });

  it("cap the pause while deploying by COHERE_POLL_DEPLOYING_MS", () => {
    const timing = timingFromEnv({ COHERE_POLL_DEPLOYING_MS: "5000" });
    expect(trainingPollTiming(timing).deployingMs).toBe(5000);
    expect(pollSchedule(timing).maxMsByStatus).toEqual({ STATUS_DEPLOYING_API: 5000 });
  });
});
