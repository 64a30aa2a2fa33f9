import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { parseStackSpec, StackConfigError, toModelInputs } from "../../provider/stack/stackSpec";
import { resourceOptions } from "../../provider/stack/entryOptions";

const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-spec-"));
fs.mkdirSync(path.join(dataDir, "data"));
fs.writeFileSync(path.join(dataDir, "data", "faq.jsonl"), "{}\n");
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));
const inDataDir = (file: string) => path.resolve(dataDir, file);

const datasets = { faq: { type: "chat-finetune-input", dataFile: "data/faq.jsonl" } };
const model = (overrides: Record<string, unknown> = {}) => ({
  baseType: "BASE_TYPE_CHAT",
  dataset: "faq",
  ...overrides,
});

function failuresOf(rawDatasets: unknown, rawModels: unknown): string[] {
  try {
    parseStackSpec("proj", rawDatasets, rawModels, inDataDir);
  } catch (error) {
    if (error instanceof StackConfigError) return error.failures.map((f) => f.reason);
    throw error;
  }
  return [];
}

describe("parseStackSpec", () => {
  it("accepts a valid stack", () => {
    const spec = parseStackSpec(
      "proj",
      datasets,
      {
        bot: model({ hyperparameters: { trainEpochs: 2 } }),
        other: { baseType: "BASE_TYPE_RERANK", datasetId: "ds-9" },
      },
      inDataDir,
    );
    expect(Object.keys(spec.models)).toEqual(["bot", "other"]);
  });

  it("accepts every resource option, quality gate and retrain guard on a model", () => {
    const options = {
      protect: true,
      retainOnDelete: true,
      deleteBeforeReplace: true,
      ignoreChanges: ["settings.wandb"],
      customTimeouts: { create: "6h", update: "1h", delete: "5m" },
    };
    const spec = parseStackSpec(
      "proj",
      { faq: { ...datasets.faq, protect: true } },
      { bot: model({ ...options, qualityGate: { minAccuracy: 0.8 }, allowRetrain: false }) },
      inDataDir,
    );
    expect(resourceOptions(spec.models.bot)).toEqual(options);
    expect(resourceOptions(spec.datasets.faq)).toEqual({ protect: true });
  });

  it.each([
    ["models missing", datasets, undefined, "proj:models is required"],
    ["a model that is not an object", datasets, { bot: 3 }, "proj:models.bot must be an object"],
    [
      "an unknown model field",
      datasets,
      { bot: model({ epochs: 3 }) },
      "proj:models.bot.epochs is not a known field",
    ],
    [
      "a dataset reference to nothing",
      datasets,
      { bot: model({ dataset: "nope" }) },
      "proj:models.bot.dataset names no dataset",
    ],
    [
      "both dataset and datasetId",
      datasets,
      { bot: model({ datasetId: "ds-1" }) },
      "needs exactly one of dataset",
    ],
    [
      "neither dataset nor datasetId",
      datasets,
      { bot: { baseType: "BASE_TYPE_CHAT" } },
      "needs exactly one of dataset",
    ],
    [
      "a hyperparameter out of range",
      datasets,
      { bot: model({ hyperparameters: { trainEpochs: 12 } }) },
      "proj:models.bot.hyperparameters.trainEpochs must be between 1 and 10, got 12",
    ],
    [
      "an unknown base type",
      datasets,
      { bot: model({ baseType: "CHAT" }) },
      "proj:models.bot.baseType must be one of",
    ],
    [
      "a bad rerank base model",
      datasets,
      { bot: model({ baseType: "BASE_TYPE_RERANK", baseModelName: "german" }) },
      "proj:models.bot.baseModelName must be one of",
    ],
    [
      "wandb on a classifier",
      datasets,
      { bot: model({ baseType: "BASE_TYPE_CLASSIFICATION", wandb: { project: "p" } }) },
      "proj:models.bot.wandb applies only",
    ],
    [
      "a dataset with an unknown type",
      { faq: { type: "csv", dataFile: "x" } },
      { bot: model() },
      "proj:datasets.faq.type must be one of",
    ],
    [
      "a dataset without a file",
      { faq: { type: "chat-finetune-input" } },
      { bot: model() },
      "proj:datasets.faq.dataFile is required",
    ],
    [
      "a protect that is not a boolean",
      datasets,
      { bot: model({ protect: "yes" }) },
      'proj:models.bot.protect must be true or false, got "yes"',
    ],
    [
      "ignoreChanges that is not a list",
      datasets,
      { bot: model({ ignoreChanges: "name" }) },
      "proj:models.bot.ignoreChanges must be a list of strings",
    ],
    [
      "a custom timeout that is not a duration",
      datasets,
      { bot: model({ customTimeouts: { create: "six hours" } }) },
      "proj:models.bot.customTimeouts.create must be a duration",
    ],
    [
      "an unknown custom timeout",
      datasets,
      { bot: model({ customTimeouts: { read: "1m" } }) },
      "proj:models.bot.customTimeouts.read is not a known field",
    ],
    [
      "a quality gate above 1",
      datasets,
      { bot: model({ qualityGate: { minAccuracy: 80 } }) },
      "proj:models.bot.qualityGate.minAccuracy must be between 0 and 1, got 80",
    ],
    [
      "an allowRetrain that is not a boolean",
      datasets,
      { bot: model({ allowRetrain: "no" }) },
      "proj:models.bot.allowRetrain must be true or false",
    ],
    [
      "a dataset file that cannot be read",
      { faq: { type: "chat-finetune-input", dataFile: "data/missing.jsonl" } },
      { bot: model() },
      'proj:datasets.faq.dataFile "',
    ],
    [
      "a dataset name of 50 characters",
      { faq: { ...datasets.faq, name: "x".repeat(50) } },
      { bot: model() },
      "proj:datasets.faq.name must be at most 49 characters",
    ],
  ])("rejects %s, naming the config path", (_title, rawDatasets, rawModels, expected) => {
    expect(failuresOf(rawDatasets, rawModels).join("\n")).toContain(expected);
  });

  it("types the numbers and booleans `pulumi config set` stores as strings, where the spec expects them", () => {
    const spec = parseStackSpec(
      "proj",
      {
        faq: {
          ...datasets.faq,
          keepOriginalFile: "false",
          skipMalformedInput: "true",
          waitForValidation: "true",
          retainOnDelete: "true",
        },
      },
      {
        bot: model({
          name: "42",
          hyperparameters: {
            learningRate: "0.001",
            trainEpochs: "3",
            earlyStoppingThreshold: "1e-3",
            loraTargetModules: "LORA_TARGET_MODULES_QV",
          },
          qualityGate: { minAccuracy: "0.6", maxCrossEntropy: "2" },
          waitForReady: "false",
          allowRetrain: "true",
          maxTrainingTokens: "50000",
          protect: "true",
          deleteBeforeReplace: "false",
        }),
        classifier: model({ baseType: "BASE_TYPE_CLASSIFICATION", multiLabel: "true" }),
      },
      inDataDir,
    );
    expect(spec.models.bot).toEqual(
      model({
        name: "42",
        hyperparameters: {
          learningRate: 0.001,
          trainEpochs: 3,
          earlyStoppingThreshold: 0.001,
          loraTargetModules: "LORA_TARGET_MODULES_QV",
        },
        qualityGate: { minAccuracy: 0.6, maxCrossEntropy: 2 },
        waitForReady: false,
        allowRetrain: true,
        maxTrainingTokens: 50000,
        protect: true,
        deleteBeforeReplace: false,
      }),
    );
    expect(spec.models.classifier.multiLabel).toBe(true);
    expect(spec.datasets.faq).toEqual({
      ...datasets.faq,
      keepOriginalFile: false,
      skipMalformedInput: true,
      waitForValidation: true,
      retainOnDelete: true,
    });
    expect(resourceOptions(spec.models.bot)).toEqual({ protect: true, deleteBeforeReplace: false });
  });

  it.each([
    ["hyperparameters.learningRate", "abc", 'must be a number, got "abc"'],
    ["hyperparameters.learningRate", "", 'must be a number, got ""'],
    ["hyperparameters.learningRate", "true", 'must be a number, got "true"'],
    ["hyperparameters.trainEpochs", " 3", 'must be a number, got " 3"'],
    ["hyperparameters.trainEpochs", "3abc", 'must be a number, got "3abc"'],
    ["hyperparameters.trainEpochs", "03", 'must be a number, got "03"'],
    ["hyperparameters.trainEpochs", "3.5", "must be a whole number, got 3.5"],
    ["hyperparameters.trainEpochs", "99", "must be between 1 and 10, got 99"],
    ["qualityGate.minAccuracy", "80", "must be between 0 and 1, got 80"],
    ["allowRetrain", "True", 'must be true or false, got "True"'],
    ["allowRetrain", "1", 'must be true or false, got "1"'],
    ["protect", "yes", 'must be true or false, got "yes"'],
    ["maxTrainingTokens", "0", "must be at least 1, got 0"],
    ["maxTrainingTokens", 1.5, "must be a whole number, got 1.5"],
    ["maxTrainingTokens", "lots", 'must be a number, got "lots"'],
  ])("validates %s %j like the YAML value, naming the config path", (field, value, reason) => {
    const [outer, inner] = field.split(".");
    const fields = { [outer]: inner ? { [inner]: value } : value };
    expect(failuresOf(datasets, { bot: model(fields) })).toEqual([`proj:models.bot.${field} ${reason}`]);
  });

  it("leaves a string where the spec expects neither a number nor a boolean", () => {
    expect(failuresOf({ faq: { ...datasets.faq, keepOriginalFile: "no" } }, { bot: model() })).toEqual([
      'proj:datasets.faq.keepOriginalFile must be true or false, got "no"',
    ]);
    expect(failuresOf(datasets, { bot: model({ baseModelName: 3 }) })).toEqual([
      "proj:models.bot.baseModelName must be a string, got 3",
    ]);
    const spec = parseStackSpec(
      "proj",
      datasets,
      { bot: model({ name: "true", baseModelName: "7" }) },
      inDataDir,
    );
    expect(spec.models.bot).toEqual(model({ name: "true", baseModelName: "7" }));
  });

  it("treats an empty config value as not declared, so a model without its dataset is named", () => {
    expect(failuresOf(datasets, { bot: { baseType: "BASE_TYPE_CHAT", datasetId: null } })).toEqual([
      "proj:models.bot needs exactly one of dataset (a key of datasets) or datasetId",
    ]);
    const spec = parseStackSpec(
      "proj",
      datasets,
      { bot: model({ hyperparameters: { trainEpochs: 2, learningRate: null }, multiLabel: null }) },
      inDataDir,
    );
    expect(spec.models.bot).toEqual(model({ hyperparameters: { trainEpochs: 2 } }));
  });

  it("refuses a W&B key written in stack config, where it would be plain text", () => {
    expect(failuresOf(datasets, { bot: model({ wandb: { project: "p", apiKey: "plain-key" } }) })).toEqual([
      "proj:models.bot.wandb.apiKey would sit in stack config as plain text: remove it and set the key as a " +
        "secret with `pulumi config set --secret wandbApiKey <key>`",
    ]);
  });

  it("reports every mistake at once", () => {
    expect(
      failuresOf(datasets, {
        a: model({ hyperparameters: { trainEpochs: 0 } }),
        b: model({ dataset: "nope" }),
      }),
    ).toHaveLength(2);
  });

  it("maps an entry to FinetunedModel inputs", () => {
    expect(
      toModelInputs(
        model({
          name: "n",
          baseModelName: "command-r",
          multiLabel: undefined,
          hyperparameters: { trainEpochs: 2 },
          wandb: { project: "p" },
          maxTrainingTokens: 50000,
        }) as never,
        "ds-1",
        "key",
      ),
    ).toEqual({
      name: "n",
      waitForReady: undefined,
      adoptModelId: undefined,
      allowRetrain: undefined,
      qualityGate: undefined,
      maxTrainingTokens: 50000,
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT", name: "command-r", strategy: undefined },
        datasetId: "ds-1",
        hyperparameters: { trainEpochs: 2 },
        multiLabel: undefined,
        wandb: { project: "p", apiKey: "key" },
      },
    });
  });
});
