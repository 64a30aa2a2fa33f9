import { validateFinetunedModel } from "../../provider/finetunedModel/validation";
import { unknownValue } from "../../provider/lifecycle/rules";

const datasetId = "ds-123";
const valid = () => ({
  name: "support-bot",
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId,
    hyperparameters: { trainEpochs: 1, learningRate: 0.01 },
  },
});

type Spec = Record<string, unknown>;
const withSettings = (settings: Record<string, unknown>): Spec => ({
  name: "m",
  settings: { ...valid().settings, ...settings },
});
const withHp = (hp: Record<string, unknown>): Spec => withSettings({ hyperparameters: hp });
const chat = { baseType: "BASE_TYPE_CHAT" };

const invalidSpecs: Array<[string, Spec, string]> = [
  ["missing settings", { name: "m" }, "settings"],
  ["settings not an object", { name: "m", settings: "chat" }, "settings"],
  ["settings is a list", { name: "m", settings: [] }, "settings"],
  ["unknown top-level field", { ...valid(), colour: "blue" }, "colour"],
  ["name empty", { ...valid(), name: "" }, "name"],
  ["name not a string", { ...valid(), name: 42 }, "name"],
  ["waitForReady not boolean", { ...valid(), waitForReady: "yes" }, "waitForReady"],
  ["adoptModelId not a UUID", { ...valid(), adoptModelId: "abc" }, "adoptModelId"],
  ["missing baseModel", withSettings({ baseModel: undefined }), "settings.baseModel"],
  ["missing baseType", withSettings({ baseModel: {} }), "settings.baseModel.baseType"],
  [
    "unknown baseType",
    withSettings({ baseModel: { baseType: "BASE_TYPE_IMAGE" } }),
    "settings.baseModel.baseType",
  ],
  [
    "unspecified baseType",
    withSettings({ baseModel: { baseType: "BASE_TYPE_UNSPECIFIED" } }),
    "settings.baseModel.baseType",
  ],
  [
    "deprecated generative baseType",
    withSettings({ baseModel: { baseType: "BASE_TYPE_GENERATIVE" } }),
    "settings.baseModel.baseType",
  ],
  [
    "baseType without prefix",
    withSettings({ baseModel: { baseType: "CHAT" } }),
    "settings.baseModel.baseType",
  ],
  [
    "unknown strategy",
    withSettings({ baseModel: { ...chat, strategy: "STRATEGY_FAST" } }),
    "settings.baseModel.strategy",
  ],
  [
    "rerank base model name",
    withSettings({ baseModel: { baseType: "BASE_TYPE_RERANK", name: "german" } }),
    "settings.baseModel.name",
  ],
  [
    "unknown baseModel field",
    withSettings({ baseModel: { ...chat, version: "1" } }),
    "settings.baseModel.version",
  ],
  ["missing datasetId", withSettings({ datasetId: undefined }), "settings.datasetId"],
  ["empty datasetId", withSettings({ datasetId: " " }), "settings.datasetId"],
  ["datasetId not a string", withSettings({ datasetId: 7 }), "settings.datasetId"],
  ["unknown settings field", withSettings({ epochs: 3 }), "settings.epochs"],
  ["trainEpochs 0", withHp({ trainEpochs: 0 }), "settings.hyperparameters.trainEpochs"],
  ["trainEpochs 11", withHp({ trainEpochs: 11 }), "settings.hyperparameters.trainEpochs"],
  ["trainEpochs fractional", withHp({ trainEpochs: 1.5 }), "settings.hyperparameters.trainEpochs"],
  ["trainEpochs a string", withHp({ trainEpochs: "3" }), "settings.hyperparameters.trainEpochs"],
  ["learningRate too small", withHp({ learningRate: 0.00001 }), "settings.hyperparameters.learningRate"],
  ["learningRate too large", withHp({ learningRate: 0.5 }), "settings.hyperparameters.learningRate"],
  ["learningRate NaN", withHp({ learningRate: Number.NaN }), "settings.hyperparameters.learningRate"],
  ["trainBatchSize 1", withHp({ trainBatchSize: 1 }), "settings.hyperparameters.trainBatchSize"],
  ["trainBatchSize 32", withHp({ trainBatchSize: 32 }), "settings.hyperparameters.trainBatchSize"],
  [
    "earlyStoppingThreshold 0",
    withHp({ earlyStoppingThreshold: 0 }),
    "settings.hyperparameters.earlyStoppingThreshold",
  ],
  [
    "earlyStoppingThreshold 0.2",
    withHp({ earlyStoppingThreshold: 0.2 }),
    "settings.hyperparameters.earlyStoppingThreshold",
  ],
  [
    "earlyStoppingPatience -1",
    withHp({ earlyStoppingPatience: -1 }),
    "settings.hyperparameters.earlyStoppingPatience",
  ],
  [
    "earlyStoppingPatience 11",
    withHp({ earlyStoppingPatience: 11 }),
    "settings.hyperparameters.earlyStoppingPatience",
  ],
  ["loraRank 0", withHp({ loraRank: 0 }), "settings.hyperparameters.loraRank"],
  ["loraAlpha fractional", withHp({ loraAlpha: 2.5 }), "settings.hyperparameters.loraAlpha"],
  [
    "unknown loraTargetModules",
    withHp({ loraTargetModules: "LORA_TARGET_MODULES_ALL" }),
    "settings.hyperparameters.loraTargetModules",
  ],
  ["unknown hyperparameter", withHp({ dropout: 0.1 }), "settings.hyperparameters.dropout"],
  ["hyperparameters a number", withSettings({ hyperparameters: 3 }), "settings.hyperparameters"],
  [
    "multiLabel not boolean",
    withSettings({ baseModel: { baseType: "BASE_TYPE_CLASSIFICATION" }, multiLabel: "true" }),
    "settings.multiLabel",
  ],
  ["multiLabel on chat", withSettings({ multiLabel: true }), "settings.multiLabel"],
  ["wandb missing project", withSettings({ wandb: { apiKey: "k" } }), "settings.wandb.project"],
  ["wandb missing apiKey", withSettings({ wandb: { project: "p" } }), "settings.wandb.apiKey"],
  [
    "wandb unknown field",
    withSettings({ wandb: { project: "p", apiKey: "k", team: "t" } }),
    "settings.wandb.team",
  ],
  [
    "wandb on classification",
    withSettings({
      baseModel: { baseType: "BASE_TYPE_CLASSIFICATION" },
      wandb: { project: "p", apiKey: "k" },
    }),
    "settings.wandb",
  ],
];

describe("validateFinetunedModel", () => {
  it("accepts a complete valid spec", () => {
    const full = {
      name: "m",
      waitForReady: false,
      adoptModelId: "3f1c1a2e-58a0-4f4e-9a53-6f1c8a0d2b11",
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT", name: "command-r", strategy: "STRATEGY_VANILLA" },
        datasetId,
        hyperparameters: {
          earlyStoppingPatience: 10,
          earlyStoppingThreshold: 0.001,
          trainBatchSize: 16,
          trainEpochs: 10,
          learningRate: 0.00005,
          loraAlpha: 16,
          loraRank: 8,
          loraTargetModules: "LORA_TARGET_MODULES_QKVO_FFN",
        },
        wandb: { project: "p", apiKey: "k", entity: "e" },
      },
    };
    expect(validateFinetunedModel(full)).toEqual([]);
  });

  it("accepts a multi-label classification model and a rerank model", () => {
    expect(
      validateFinetunedModel(
        withSettings({ baseModel: { baseType: "BASE_TYPE_CLASSIFICATION" }, multiLabel: true }),
      ),
    ).toEqual([]);
    expect(
      validateFinetunedModel(
        withSettings({ baseModel: { baseType: "BASE_TYPE_RERANK", name: "multilingual" } }),
      ),
    ).toEqual([]);
  });

  it("skips values that are unknown during preview", () => {
    expect(
      validateFinetunedModel(withSettings({ datasetId: unknownValue, hyperparameters: unknownValue })),
    ).toEqual([]);
    // A base type not known yet cannot rule out multiLabel or wandb.
    expect(
      validateFinetunedModel(
        withSettings({
          baseModel: { baseType: unknownValue },
          multiLabel: true,
          wandb: { project: "p", apiKey: "k" },
        }),
      ),
    ).toEqual([]);
  });

  it("has at least 30 invalid specs in its table", () => {
    expect(invalidSpecs.length).toBeGreaterThanOrEqual(30);
  });

  it.each(
    invalidSpecs.map(([title, spec, property]) => [`${title} at ${property}`, spec, property] as const),
  )("rejects %s", (_title, spec, property) => {
    const failures = validateFinetunedModel(spec);
    expect(failures.map((f) => f.property)).toContain(property);
    const failure = failures.find((f) => f.property === property)!;
    expect(failure.reason).toContain(property);
  });
});
