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
  resourceName: "bot",
  autoNameScope: "proj/dev",
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
    "custom timeouts changed",
    stored(),
    { ...declared(), timeouts: { create: "2h" } },
    { changes: true, replaces: [] },
  ],
  [
    "resource name metadata changed",
    stored(),
    { ...declared(), autoNameScope: "proj/prod" },
    { changes: false, replaces: [] },
  ],
];

describe("diffFinetunedModel", () => {
  it.each(table)("%s", (_title, olds, news, expected) => {
    const result = diffFinetunedModel(id, olds, news);
    expect({ changes: result.changes, replaces: result.replaces }).toEqual(expected);
  });

  it("explains a replacement of a FAILED model in words", () => {
    const result = diffFinetunedModel(id, stored({ status: "STATUS_FAILED" }), declared());
    expect(result.reasons.join(" ")).toMatch(/STATUS_FAILED.*replaces/);
  });
});
