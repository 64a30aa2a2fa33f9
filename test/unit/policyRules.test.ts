import * as fs from "node:fs";
import * as path from "node:path";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { AnalyzeRequest, AnalyzerStackConfigureRequest } from "@pulumi/pulumi/proto/analyzer_pb";
import {
  plainConfigValues,
  recordEngineRequests,
  secretInputPaths,
  secretPaths,
  stackConfigValue,
} from "../../policy/engineRequests";
import { policies } from "../../policy/policies";
import {
  baseTypeViolation,
  CohereResource,
  epochsViolation,
  qualityGateViolation,
  retrainViolation,
  trainingBudgetViolation,
  wandbKeyViolation,
} from "../../policy/rules";

const secret = (value: unknown) => ({
  "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270",
  value,
});

function model(inputs: Record<string, unknown>, extra: Partial<CohereResource> = {}): CohereResource {
  return {
    kind: "FinetunedModel",
    inputs: { settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "d" }, ...inputs },
    setting: () => undefined,
    stack: "prod",
    secretPaths: [],
    plainConfigValues: [],
    ...extra,
  };
}
const withSettings = (settings: Record<string, unknown>) =>
  model({ settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "d", ...settings } });

describe("the policy pack's rules", () => {
  it("cohere-quality-gate-required: a gate, and its minAccuracy at least the configured one", () => {
    expect(qualityGateViolation(model({}), {})).toMatch(/declare a qualityGate/);
    expect(qualityGateViolation(model({ qualityGate: {} }), {})).toMatch(/declare a qualityGate/);
    expect(qualityGateViolation(model({ qualityGate: { maxCrossEntropy: 1 } }), {})).toBeUndefined();
    expect(qualityGateViolation(model({ qualityGate: { maxCrossEntropy: 1 } }), { minAccuracy: 0.5 })).toBe(
      "qualityGate.minAccuracy must be at least 0.5, got none",
    );
    expect(qualityGateViolation(model({ qualityGate: { minAccuracy: 0.4 } }), { minAccuracy: 0.5 })).toBe(
      "qualityGate.minAccuracy must be at least 0.5, got 0.4",
    );
    expect(
      qualityGateViolation(model({ qualityGate: { minAccuracy: 0.5 } }), { minAccuracy: 0.5 }),
    ).toBeUndefined();
  });

  it("cohere-allowed-base-types: a model's base type, a dataset's by the base type it trains", () => {
    expect(baseTypeViolation(model({}), { allowed: ["BASE_TYPE_CHAT"] })).toBeUndefined();
    expect(baseTypeViolation(model({}), { allowed: ["BASE_TYPE_RERANK"] })).toBe(
      "settings.baseModel.baseType BASE_TYPE_CHAT is not allowed here (allowed: BASE_TYPE_RERANK)",
    );
    const dataset = (type: string): CohereResource => ({ ...model({}), kind: "Dataset", inputs: { type } });
    expect(
      baseTypeViolation(dataset("reranker-finetune-input"), { allowed: ["BASE_TYPE_RERANK"] }),
    ).toBeUndefined();
    expect(baseTypeViolation(dataset("multi-label-classification-finetune-input"), { allowed: [] })).toMatch(
      /^type multi-label-classification-finetune-input trains BASE_TYPE_CLASSIFICATION models/,
    );
  });

  it("cohere-max-epochs: the declared epochs, else Cohere's default of 1", () => {
    expect(epochsViolation(withSettings({ hyperparameters: { trainEpochs: 3 } }), { maxEpochs: 2 })).toBe(
      "settings.hyperparameters.trainEpochs 3 is more than the 2 allowed",
    );
    expect(
      epochsViolation(withSettings({ hyperparameters: { trainEpochs: 2 } }), { maxEpochs: 2 }),
    ).toBeUndefined();
    expect(
      epochsViolation(withSettings({ hyperparameters: { learningRate: 0.01 } }), { maxEpochs: 1 }),
    ).toBeUndefined();
  });

  it("cohere-wandb-key-secret: the key, or what holds it, is secret and not a plain stack config value", () => {
    const key = "wandb-key";
    const wandb = withSettings({ wandb: { project: "p", apiKey: key } });
    expect(wandbKeyViolation(wandb)).toMatch(/^settings\.wandb\.apiKey must be a secret/);
    for (const path of ["settings.wandb.apiKey", "settings.wandb", "settings"]) {
      expect(wandbKeyViolation({ ...wandb, secretPaths: [path] })).toBeUndefined();
    }
    expect(wandbKeyViolation({ ...wandb, secretPaths: ["settings.wandb.project"] })).toMatch(
      /must be a secret/,
    );
    for (const plain of [key, JSON.stringify({ bots: { apiKey: key } })]) {
      expect(wandbKeyViolation({ ...wandb, secretPaths: ["settings"], plainConfigValues: [plain] })).toMatch(
        /comes from stack config stored in clear/,
      );
    }
    expect(wandbKeyViolation(model({}))).toBeUndefined();
  });

  it("cohere-retrain-guard: on matching stacks the model's allowRetrain, else its provider's, is false", () => {
    const providerSays = (value: unknown) => ({
      setting: (key: string) => (key === "allowRetrain" ? value : undefined),
    });
    expect(retrainViolation(model({}, { stack: "dev" }), { stacks: "^prod$" })).toBeUndefined();
    expect(retrainViolation(model({}), { stacks: "^prod$" })).toMatch(
      /^allowRetrain must be false on stack prod:/,
    );
    expect(retrainViolation(model({}, providerSays("false")), { stacks: "^prod$" })).toBeUndefined();
    expect(retrainViolation(model({}, providerSays(false)), { stacks: "^prod$" })).toBeUndefined();
    expect(retrainViolation(model({}, providerSays("true")), { stacks: "^prod$" })).toMatch(/must be false/);
    expect(retrainViolation(model({ allowRetrain: true }, providerSays(false)), { stacks: "prod" })).toBe(
      "allowRetrain must be false on stack prod, got true on this model",
    );
    expect(
      retrainViolation(model({ allowRetrain: false }, providerSays(true)), { stacks: "prod" }),
    ).toBeUndefined();
  });

  it("cohere-training-budget-required: the model's budget, else its provider's, at most the configured one", () => {
    const providerBudget = { setting: (key: string) => (key === "maxTrainingTokens" ? "2000" : undefined) };
    expect(trainingBudgetViolation(model({}), {})).toMatch(/^declare maxTrainingTokens/);
    expect(trainingBudgetViolation(model({}, providerBudget), {})).toBeUndefined();
    expect(trainingBudgetViolation(model({}, providerBudget), { maxTrainingTokens: 1000 })).toBe(
      "maxTrainingTokens 2000 is more than the 1000 allowed",
    );
    expect(
      trainingBudgetViolation(model({ maxTrainingTokens: 500 }, providerBudget), { maxTrainingTokens: 1000 }),
    ).toBeUndefined();
  });
});

describe("what the pack reads off the engine's requests", () => {
  recordEngineRequests();

  it("finds the paths of secret values in a struct", () => {
    expect(
      secretPaths({ a: 1, settings: { wandb: { apiKey: secret("k"), project: "p" } }, b: secret({ c: 1 }) }),
    ).toEqual(["settings.wandb.apiKey", "b"]);
  });

  it("keeps the secret input paths of each resource that @pulumi/policy reads the inputs of", () => {
    const request = new AnalyzeRequest()
      .setUrn("urn:pulumi:prod::p::cohere:index:FinetunedModel::bot")
      .setProperties(Struct.fromJavaScript({ settings: { wandb: { apiKey: secret("k") } } }));
    request.getProperties();
    expect(secretInputPaths(request.getUrn())).toEqual(["settings.wandb.apiKey"]);
  });

  it("keeps the stack's config when @pulumi/policy reads ConfigureStack's tags", () => {
    const request = new AnalyzerStackConfigureRequest();
    request.addConfigSecretKeys("p:token");
    request.getConfigMap().set("cohere:allowRetrain", "false").set("p:token", "secret-value");
    request.getTagsMap();
    expect(stackConfigValue("cohere:allowRetrain")).toBe("false");
    expect(plainConfigValues()).toEqual(["false"]);
  });
});

describe("README.md's Policy pack table", () => {
  const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
  const rows = readme
    .split("\n")
    .filter((line) => line.startsWith("| `cohere-"))
    .map((line) => line.split("|").map((cell) => cell.trim()));

  it("lists every policy with its default level, its config keys and their defaults", () => {
    expect(rows.map((cells) => cells[1])).toEqual(policies.map((policy) => `\`${policy.name}\``));
    for (const policy of policies) {
      const [, , , config, level] = rows.find((cells) => cells[1] === `\`${policy.name}\``)!;
      expect(level).toBe(policy.enforcementLevel);
      for (const [key, schema] of Object.entries(policy.configSchema?.properties ?? {})) {
        expect(config).toContain(`\`${key}\``);
        for (const value of [schema.default ?? []].flat()) expect(config).toContain(String(value));
      }
    }
  });
});
