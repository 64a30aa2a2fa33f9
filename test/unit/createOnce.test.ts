import { createOnce } from "../../provider/lifecycle/createOnce";
import { ApiConnectionError } from "../../provider/cohere/errors";

const lostAnswer = () =>
  new ApiConnectionError({ method: "POST", path: "/v1/finetuning/finetuned-models", ambiguous: true });

function fakeClock() {
  let now = 0;
  return { now: () => now, sleep: async (ms: number) => void (now += ms) };
}

describe("a create whose answer is lost", () => {
  beforeEach(() => jest.spyOn(console, "log").mockImplementation(() => undefined));
  afterEach(() => jest.restoreAllMocks());

  it("is looked for after every attempt, the last one too: a create that went through is never orphaned", async () => {
    let creates = 0;
    const result = await createOnce(
      {
        what: "the create of model bot",
        create: async () => {
          creates++;
          throw lostAnswer();
        },
        // Only the last create went through.
        findCreated: async () => (creates === 4 ? "model-4" : undefined),
      },
      { visibilityWindowMs: 10_000, firstLookupDelayMs: 1_000, ...fakeClock() },
    );
    expect(result).toEqual({ value: "model-4", recovered: true });
    expect(creates).toBe(4);
  });

  it("fails after the last attempt once the model has not appeared within the window", async () => {
    let lookups = 0;
    const failure = await createOnce(
      {
        what: "the create of model bot",
        create: async () => {
          throw lostAnswer();
        },
        findCreated: async () => void lookups++,
      },
      { visibilityWindowMs: 10_000, firstLookupDelayMs: 1_000, ...fakeClock() },
    ).catch((error: Error) => error);
    expect(failure).toBeInstanceOf(ApiConnectionError);
    // Four attempts, each followed by lookups over the 10 s window (at 0, 1, 3 and 7 s, then at its end).
    expect(lookups).toBe(4 * 5);
  });
});
