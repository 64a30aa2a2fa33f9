import type { WireDataset } from "../../provider/cohere/wireTypes";
import { describeTrainingCost } from "../../provider/finetunedModel/trainingCost";
import type { SettingsSpec } from "../../provider/finetunedModel/types";
import { BaseType } from "../../provider/cohere/enums";

const settings = (trainEpochs?: number): SettingsSpec => ({
  baseModel: { baseType: BaseType.Chat },
  datasetId: "ds-1",
  hyperparameters: trainEpochs === undefined ? undefined : { trainEpochs },
});
const dataset = (trainableTokens: number) =>
  ({
    id: "ds-1",
    name: "faq",
    metrics: { finetune_dataset_metrics: { trainable_token_count: trainableTokens } },
  }) as WireDataset;

describe("describeTrainingCost", () => {
  it.each([
    [settings(), "12,345 trainable tokens × 1 epoch = 12,345 tokens"],
    [settings(1), "12,345 trainable tokens × 1 epoch = 12,345 tokens"],
    [settings(2), "12,345 trainable tokens × 2 epochs = 24,690 tokens"],
  ])("counts the epochs in words that agree with their number (%#)", (spec, expected) => {
    expect(describeTrainingCost(spec, dataset(12345))).toBe(expected);
  });

  it("counts them the same way while the dataset's size is unknown", () => {
    expect(describeTrainingCost(settings(), undefined)).toMatch(/\b1 epoch\b(?!s)/);
    expect(describeTrainingCost(settings(3), undefined)).toMatch(/\b3 epochs\b/);
  });
});
