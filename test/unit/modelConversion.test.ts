import {
  outputsFromWire,
  settingsFromWire,
  settingsToWire,
} from "../../provider/finetunedModel/modelConversion";
import type { SettingsSpec } from "../../provider/finetunedModel/types";

const everyField: SettingsSpec = {
  baseModel: { baseType: "BASE_TYPE_CHAT", name: "command-r", strategy: "STRATEGY_VANILLA" },
  datasetId: "ds-1",
  hyperparameters: {
    earlyStoppingPatience: 6,
    earlyStoppingThreshold: 0.01,
    trainBatchSize: 8,
    trainEpochs: 3,
    learningRate: 0.001,
    loraAlpha: 16,
    loraRank: 8,
    loraTargetModules: "LORA_TARGET_MODULES_QKVO",
  },
  multiLabel: false,
  wandb: { project: "proj", apiKey: "wandb-secret", entity: "team" },
};

const everyWireField = {
  base_model: { base_type: "BASE_TYPE_CHAT", name: "command-r", strategy: "STRATEGY_VANILLA" },
  dataset_id: "ds-1",
  hyperparameters: {
    early_stopping_patience: 6,
    early_stopping_threshold: 0.01,
    train_batch_size: 8,
    train_epochs: 3,
    learning_rate: 0.001,
    lora_alpha: 16,
    lora_rank: 8,
    lora_target_modules: "LORA_TARGET_MODULES_QKVO",
  },
  multi_label: false,
  wandb: { project: "proj", api_key: "wandb-secret", entity: "team" },
};

describe("fine-tuned model wire mapping", () => {
  it("maps every settings field to snake_case, the wandb key only when a training starts", () => {
    expect(settingsToWire(everyField, "wandb-secret")).toEqual(everyWireField);
    const { wandb, ...withoutWandb } = everyWireField;
    expect(settingsToWire(everyField)).toEqual(withoutWandb);
    expect(wandb.api_key).toBe("wandb-secret");
  });

  it("maps every wire field back to camelCase, never the wandb key", () => {
    expect(settingsFromWire(everyWireField)).toEqual({
      ...everyField,
      wandb: { project: "proj", entity: "team" },
    });
  });

  it("omits what was not declared; {} and null hyperparameters are omitted ones", () => {
    const minimal: SettingsSpec = { baseModel: { baseType: "BASE_TYPE_RERANK" }, datasetId: "ds-2" };
    const wire = { base_model: { base_type: "BASE_TYPE_RERANK" }, dataset_id: "ds-2" };
    expect(settingsToWire(minimal)).toEqual(wire);
    expect(settingsToWire({ ...minimal, hyperparameters: {} })).toEqual(wire);
    expect(settingsToWire({ ...minimal, hyperparameters: null })).toEqual(wire);
    expect(settingsFromWire(wire)).toEqual(minimal);
  });

  it("ignores wire hyperparameters it does not know", () => {
    const wire = { ...everyWireField, hyperparameters: { train_epochs: 2, warmup_steps: 5 } as never };
    expect(settingsFromWire(wire).hyperparameters).toEqual({ trainEpochs: 2 });
  });

  it("builds outputs from the declared inputs plus the service's fields", () => {
    const outs = outputsFromWire(
      { name: "m", settings: everyField, waitForReady: true },
      {
        id: "abc",
        name: "renamed",
        settings: { ...everyWireField, base_model: { ...everyWireField.base_model, version: "12" } },
        status: "STATUS_READY",
        creator_id: "u1",
        organization_id: "o1",
        created_at: "2026-11-26T10:00:00Z",
        updated_at: "2026-11-26T10:05:00Z",
        completed_at: "2026-11-26T11:00:00Z",
        last_used: "2026-11-26T12:00:00Z",
      },
    );
    expect(outs).toEqual({
      name: "renamed",
      settings: { ...everyField, wandb: { project: "proj", entity: "team" } },
      trainedSettings: {
        ...everyField,
        baseModel: { ...everyField.baseModel },
        wandb: { project: "proj", entity: "team" },
      },
      waitForReady: true,
      status: "STATUS_READY",
      creatorId: "u1",
      organizationId: "o1",
      createdAt: "2026-11-26T10:00:00Z",
      updatedAt: "2026-11-26T10:05:00Z",
      completedAt: "2026-11-26T11:00:00Z",
      lastUsed: "2026-11-26T12:00:00Z",
      baseModelVersion: "12",
      inferenceModelName: "abc-ft",
    });
  });
});
