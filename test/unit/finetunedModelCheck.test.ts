import { FinetunedModelProvider } from "../../provider/finetunedModel/provider";
import { unknownValue } from "../../provider/lifecycle/rules";

const spec = (overrides: Record<string, unknown> = {}) => ({
  settings: {
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: "ds-1",
    hyperparameters: { trainEpochs: 1 },
  },
  resourceName: "support-bot",
  autoNameScope: "proj/dev",
  ...overrides,
});

describe("FinetunedModelProvider.check", () => {
  const provider = new FinetunedModelProvider();

  it("generates <resource name>-<suffix> when no name is declared", async () => {
    const { inputs, failures } = await provider.check({}, spec());
    expect(failures).toBeUndefined();
    expect(inputs.name).toMatch(/^support-bot-[0-9a-f]{8}$/);
    expect(inputs.nameIsGenerated).toBe(true);
  });

  it("keeps a generated name across runs", async () => {
    const first = await provider.check({}, spec());
    const second = await provider.check(
      first.inputs,
      spec({ settings: { ...spec().settings, hyperparameters: { trainEpochs: 2 } } }),
    );
    expect(second.inputs.name).toBe(first.inputs.name);
  });

  it("generates a fresh name for a replacement (checked without olds) with other settings", async () => {
    const first = await provider.check({}, spec());
    const replacement = await provider.check(
      {},
      spec({ settings: { ...spec().settings, datasetId: "ds-2" } }),
    );
    expect(replacement.inputs.name).not.toBe(first.inputs.name);
  });

  it("gives equal resource names in different stacks different names", async () => {
    const dev = await provider.check({}, spec());
    const prod = await provider.check({}, spec({ autoNameScope: "proj/prod" }));
    expect(prod.inputs.name).not.toBe(dev.inputs.name);
  });

  it("uses an explicit name as given", async () => {
    const { inputs } = await provider.check(
      { name: "old", nameIsGenerated: true },
      spec({ name: "my-model" }),
    );
    expect(inputs.name).toBe("my-model");
    expect(inputs.nameIsGenerated).toBeUndefined();
  });

  it("leaves the name unknown while the dataset id is unknown", async () => {
    const { inputs } = await provider.check(
      {},
      spec({ settings: { ...spec().settings, datasetId: unknownValue } }),
    );
    expect(inputs.name).toBe(unknownValue);
  });

  it("reports failures with property paths and makes no API call", async () => {
    const unconfigured = new FinetunedModelProvider();
    const { failures } = await unconfigured.check({}, spec({ settings: { baseModel: {}, datasetId: "" } }));
    expect(failures!.map((f) => f.property).sort()).toEqual([
      "settings.baseModel.baseType",
      "settings.datasetId",
    ]);
  });
});
