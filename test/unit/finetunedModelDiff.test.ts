import { diffFinetunedModel } from "../../provider/finetunedModel/diff";
import type { FinetunedModelInputs, FinetunedModelOutputs } from "../../provider/finetunedModel/types";
import { unknownValue } from "../../provider/lifecycle/rules";

const id = "0d3f7c0e-1111-4c4c-8888-000000000001";
const declared = (): FinetunedModelInputs => ({
  name: "bot",
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: "ds-1",
    hyperparameters: { trainEpochs: 2, learningRate: 0.01 },
    wandb: { project: "p", apiKey: "k1" },
  },
});
const stored = (overrides: Partial<FinetunedModelOutputs> = {}): FinetunedModelOutputs => ({
  ...declared(),
  name: "bot",
  status: "STATUS_READY",
  inferenceModelName: `${id}-ft`,
  createdAt: "2026-11-26T10:00:00Z",
  baseModelVersion: "7",
  ...overrides,
});
const change = (mutate: (inputs: FinetunedModelInputs) => void): FinetunedModelInputs => {
  const inputs = declared();
  mutate(inputs);
  return inputs;
};

type Row = [string, FinetunedModelOutputs, FinetunedModelInputs, { changes: boolean; replaces: string[] }];
const table: Row[] = [
  ["nothing changed", stored(), declared(), { changes: false, replaces: [] }],
  [
    "key order differs",
    stored(),
    {
      ...declared(),
      settings: { ...declared().settings, hyperparameters: { learningRate: 0.01, trainEpochs: 2 } },
    },
    { changes: false, replaces: [] },
  ],
  ["name", stored(), change((i) => (i.name = "bot-2")), { changes: true, replaces: [] }],
  [
    "base type",
    stored(),
    change((i) => (i.settings.baseModel.baseType = "BASE_TYPE_RERANK")),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "base model name",
    stored(),
    change((i) => (i.settings.baseModel.name = "command-r")),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "dataset",
    stored(),
    change((i) => (i.settings.datasetId = "ds-2")),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "a hyperparameter",
    stored(),
    change((i) => (i.settings.hyperparameters!.trainEpochs = 3)),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "a hyperparameter added",
    stored(),
    change((i) => (i.settings.hyperparameters!.loraRank = 8)),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "multiLabel",
    stored(),
    change((i) => (i.settings.multiLabel = true)),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "wandb project",
    stored(),
    change((i) => (i.settings.wandb!.project = "p2")),
    { changes: true, replaces: [] },
  ],
  [
    "wandb key only (used only when a training starts)",
    stored(),
    change((i) => (i.settings.wandb!.apiKey = "k2")),
    { changes: false, replaces: [] },
  ],
  ["wandb removed", stored(), change((i) => delete i.settings.wandb), { changes: true, replaces: [] }],
  [
    "stored status FAILED",
    stored({ status: "STATUS_FAILED" }),
    declared(),
    { changes: true, replaces: ["status"] },
  ],
  [
    "still training, waiting",
    stored({ status: "STATUS_FINETUNING" }),
    declared(),
    { changes: true, replaces: [] },
  ],
  [
    "still training, not waiting",
    stored({ status: "STATUS_FINETUNING", waitForReady: false }),
    { ...declared(), waitForReady: false },
    { changes: false, replaces: [] },
  ],
  [
    "dataset id unknown in preview",
    stored(),
    change((i) => (i.settings.datasetId = unknownValue)),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "adopting the same model",
    stored(),
    { ...declared(), adoptModelId: id },
    { changes: false, replaces: [] },
  ],
  [
    "adopting another model",
    stored(),
    { ...declared(), adoptModelId: "0d3f7c0e-1111-4c4c-8888-000000000002" },
    { changes: true, replaces: ["adoptModelId"] },
  ],
  [
    "hyperparameters {} where none were declared",
    stored({ settings: { ...declared().settings, hyperparameters: undefined } }),
    change((i) => (i.settings.hyperparameters = {})),
    { changes: false, replaces: [] },
  ],
  [
    "hyperparameters null where {} was declared",
    stored({ settings: { ...declared().settings, hyperparameters: {} } }),
    change((i) => (i.settings.hyperparameters = null)),
    { changes: false, replaces: [] },
  ],
  [
    "hyperparameters omitted where null was declared",
    stored({ settings: { ...declared().settings, hyperparameters: null } }),
    change((i) => delete i.settings.hyperparameters),
    { changes: false, replaces: [] },
  ],
  [
    "a generated name (none declared)",
    stored({ name: "bot-1a2b3c4d", nameIsGenerated: true }),
    change((i) => delete i.name),
    { changes: false, replaces: [] },
  ],
  [
    "a generated name still the pending one (its create never renamed it)",
    stored({ name: "bot-0badf00d-creating", nameIsGenerated: true }),
    change((i) => delete i.name),
    { changes: true, replaces: [] },
  ],
  [
    "an adopted model without a declared name",
    stored({ name: "a-person's-model", nameIsGenerated: true }),
    change((i) => {
      delete i.name;
      i.adoptModelId = id;
    }),
    { changes: false, replaces: [] },
  ],
  [
    "allowRetrain or qualityGate changed (recorded)",
    stored(),
    { ...declared(), allowRetrain: false, qualityGate: { minAccuracy: 0.5 } },
    { changes: true, replaces: [] },
  ],
  [
    "Cohere reports what the spec declares, its defaults filled in",
    stored({
      trainedSettings: {
        baseModel: { baseType: "BASE_TYPE_CHAT", name: "command-r-08-2024" },
        datasetId: "ds-1",
        hyperparameters: { trainEpochs: 2, learningRate: 0.01, trainBatchSize: 16 },
      },
    }),
    declared(),
    { changes: false, replaces: [] },
  ],
  [
    "Cohere reports another value for a declared hyperparameter (drift)",
    stored({
      trainedSettings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId: "ds-1",
        hyperparameters: { trainEpochs: 5, learningRate: 0.01 },
      },
    }),
    declared(),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "Cohere reports another dataset (drift)",
    stored({ trainedSettings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "ds-9" } }),
    declared(),
    { changes: true, replaces: ["settings"] },
  ],
  [
    "a number that came back as its nearest double",
    stored({
      trainedSettings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId: "ds-1",
        hyperparameters: { trainEpochs: 2, learningRate: 0.010000000000000002 },
      },
    }),
    declared(),
    { changes: false, replaces: [] },
  ],
];

describe("diffFinetunedModel", () => {
  it.each(table)("%s", (_title, olds, news, expected) => {
    const result = diffFinetunedModel(id, olds, news);
    expect({ changes: result.changes, replaces: result.replaces }).toEqual(expected);
  });

  it("names the fields that changed, and what Cohere reports for a drift", () => {
    const changed = diffFinetunedModel(
      id,
      stored(),
      change((i) => (i.settings.hyperparameters!.trainEpochs = 3)),
    );
    expect(changed.reasons).toEqual([
      "settings.hyperparameters.trainEpochs changed: a new training replaces model bot",
    ]);
    const drifted = diffFinetunedModel(
      id,
      stored({
        trainedSettings: {
          baseModel: { baseType: "BASE_TYPE_CHAT" },
          datasetId: "ds-1",
          hyperparameters: { trainEpochs: 5 },
        },
      }),
      declared(),
    );
    expect(drifted.reasons[0]).toBe(
      "model bot was trained otherwise than declared (settings.hyperparameters.trainEpochs is 5 at Cohere, 2 in the spec): a new training replaces it",
    );
  });

  it("sees no change where a stored setting is null and the declared one omitted", () => {
    const withNulls = stored();
    withNulls.settings = {
      ...withNulls.settings,
      hyperparameters: { ...withNulls.settings.hyperparameters, trainEpochs: null as never },
      multiLabel: null as never,
    };
    const { trainEpochs: _omitted, ...hyperparameters } = declared().settings.hyperparameters!;
    const news = declared();
    news.settings = { ...news.settings, hyperparameters };
    expect(diffFinetunedModel(id, withNulls, news)).toMatchObject({ changes: false, replaces: [] });
  });

  it("refuses to replace a model that adoptModelId still names: the replacement would adopt it, then delete it", () => {
    const adopted = { ...stored(), adoptModelId: id };
    const retrained = { ...declared(), adoptModelId: id };
    retrained.settings = {
      ...retrained.settings,
      hyperparameters: { ...retrained.settings.hyperparameters, trainEpochs: 3 },
    };
    expect(() => diffFinetunedModel(id, adopted, retrained)).toThrow(
      /is adopted \(adoptModelId\) and this change would replace it: settings\.hyperparameters\.trainEpochs changed.*Remove adoptModelId/,
    );
    expect(() =>
      diffFinetunedModel(id, { ...adopted, status: "STATUS_FAILED" }, { ...declared(), adoptModelId: id }),
    ).toThrow(/is adopted/);
    const { adoptModelId: _dropped, ...unadopting } = retrained;
    expect(diffFinetunedModel(id, adopted, unadopting)).toMatchObject({
      replaces: ["settings"],
      startsTraining: true,
    });
  });

  it("tells a replacement that starts a training from one that adopts another model", () => {
    expect(diffFinetunedModel(id, stored({ status: "STATUS_FAILED" }), declared()).startsTraining).toBe(true);
    const adopting = { ...declared(), adoptModelId: "0d3f7c0e-1111-4c4c-8888-000000000002" };
    expect(diffFinetunedModel(id, stored(), adopting).startsTraining).toBe(false);
    expect(
      diffFinetunedModel(
        id,
        stored(),
        change((i) => (i.name = "x")),
      ).startsTraining,
    ).toBe(false);
  });

  it("explains a replacement of a FAILED model in words", () => {
    const result = diffFinetunedModel(id, stored({ status: "STATUS_FAILED" }), declared());
    expect(result.reasons.join(" ")).toMatch(/STATUS_FAILED.*replaces/);
  });
});
