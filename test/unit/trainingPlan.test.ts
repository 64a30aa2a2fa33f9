import { planSummary } from "../../provider/finetunedModel/trainingPlan";

const tokens = (trainable: number, epochs: number) => ({ trainable, epochs, total: trainable * epochs });

describe("planSummary", () => {
  it("says nothing of a single training: its own line says it all", () => {
    expect(planSummary([])).toBeUndefined();
    expect(planSummary([{ resource: "a", datasetId: "ds", tokens: tokens(10, 1) }])).toBeUndefined();
  });

  it("sums the trainings of known datasets and names the largest", () => {
    const trainings = [
      ...Array.from({ length: 48 }, (_, index) => ({
        resource: `bot-${index}`,
        datasetId: "ds-1",
        tokens: tokens(898, 1),
      })),
      { resource: "big", datasetId: "ds-2", tokens: tokens(1200, 3) },
      { resource: "small", datasetId: "ds-2", tokens: tokens(1200, 1) },
    ];
    expect(planSummary(trainings)).toBe(
      "this update starts 50 trainings: on 2 uploaded datasets process 47,904 tokens in all " +
        "(trainable tokens × epochs; the largest, big, 3,600 tokens)",
    );
  });

  it("counts apart the trainings whose datasets this update uploads", () => {
    const unknown = { resource: "new", datasetId: "unknown" };
    expect(planSummary([unknown, { ...unknown, resource: "newer" }])).toBe(
      "this update starts 2 trainings: 2 on datasets not uploaded yet, whose sizes Cohere reports once they are",
    );
    expect(planSummary([unknown, { resource: "old", datasetId: "ds", tokens: tokens(5, 2) }])).toBe(
      "this update starts 2 trainings: 1 of them on 1 uploaded dataset process 10 tokens in all " +
        "(trainable tokens × epochs; the largest, old, 10 tokens); 1 more on datasets not uploaded yet, whose " +
        "sizes Cohere reports once they are",
    );
  });
});
