import { UpdateBudget } from "../../provider/finetunedModel/trainingBudget";
import type { ConfiguredConnection } from "../../provider/lifecycle/connection";
import type { FinetunedModelInputs } from "../../provider/finetunedModel/types";

const model = (extra: Partial<FinetunedModelInputs> = {}): FinetunedModelInputs => ({
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: "d",
    hyperparameters: { trainEpochs: 2 },
  },
  ...extra,
});
const tokens = (trainable: number, epochs = 2) => ({ trainable, epochs, total: trainable * epochs });
const budget = (configured: ConfiguredConnection) => new UpdateBudget(() => configured);

describe("UpdateBudget", () => {
  it("refuses a training over the model's own maxTrainingTokens, naming the tokens, the budget and the setting", () => {
    const refusal = budget({ maxTrainingTokens: 1_000_000 }).refusal(
      "bot",
      model({ maxTrainingTokens: 1000 }),
      tokens(898),
      true,
    );
    expect(refusal).toBe(
      "bot: this training would process 1,796 tokens (898 trainable tokens × 2 epochs), over its budget of " +
        "1,000 tokens (maxTrainingTokens). Raise maxTrainingTokens, or train on less data or fewer epochs; " +
        "nothing was sent to Cohere",
    );
  });

  it("falls back to cohere:maxTrainingTokens, and lets a training within it pass", () => {
    const stack = budget({ maxTrainingTokens: 1796 });
    expect(stack.refusal("bot", model(), tokens(898), true)).toBeUndefined();
    expect(stack.refusal("big", model(), tokens(899), true)).toMatch(
      /over its budget of 1,796 tokens \(cohere:maxTrainingTokens\)/,
    );
  });

  it("sums the trainings of one update, each resource once, and refuses the one that passes the budget", () => {
    const update = budget({ maxTrainingTokensPerUpdate: 4000 });
    expect(update.refusal("a", model(), tokens(1000), true)).toBeUndefined();
    expect(update.refusal("a", model(), tokens(1000), false)).toBeUndefined();
    expect(update.refusal("b", model(), tokens(1000), true)).toBeUndefined();
    expect(update.refusal("c", model(), tokens(500), true)).toBe(
      "the trainings this update starts would process 5,000 tokens in all (a 2,000, b 2,000, c 1,000), over " +
        "cohere:maxTrainingTokensPerUpdate 4,000: raise it, or start fewer trainings in one update; nothing was " +
        "sent to Cohere for c",
    );
  });

  it("lets a preview whose dataset size is unknown pass, and refuses a create that still cannot know it", () => {
    const stack = budget({ maxTrainingTokens: 1000 });
    expect(stack.refusal("bot", model(), undefined, true)).toBeUndefined();
    expect(stack.refusal("bot", model(), undefined, false)).toMatch(/size is unknown.*nothing was sent/);
  });

  it("costs nothing without budgets, even with no size", () => {
    expect(budget({}).refusal("bot", model(), undefined, false)).toBeUndefined();
  });
});
