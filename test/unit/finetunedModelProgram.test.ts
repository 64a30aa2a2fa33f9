import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";

const apiKeyAtProgramTime = "program-time-api-key-5c1d";
const wandbKey = "wandb-program-key-77aa";
const registered: pulumi.runtime.MockResourceArgs[] = [];

pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args);
      return {
        id: "model-1",
        state: { ...args.inputs, status: "STATUS_READY", inferenceModelName: "model-1-ft" },
      };
    },
    call: () => ({}),
  },
  "proj",
  "dev",
);
process.env.CO_API_KEY = apiKeyAtProgramTime;

// Imported after the mocks are set, as Pulumi's testing guide requires.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { FinetunedModel, BaseType } = require("../../provider") as typeof import("../../provider");

const secretSig = pulumi.runtime.specialSigKey;
const unwrapSecret = (value: Record<string, unknown>) =>
  (value[secretSig] === pulumi.runtime.specialSecretSig ? value.value : value) as Record<string, unknown>;
const outputOf = <T>(output: pulumi.Output<T>) => new Promise<T>((resolve) => output.apply(resolve));

describe("FinetunedModel in a Pulumi program", () => {
  const model = new FinetunedModel(
    "support-bot",
    {
      settings: {
        baseModel: { baseType: BaseType.Chat },
        datasetId: "ds-1",
        hyperparameters: { trainEpochs: 2 },
        wandb: { project: "p", apiKey: wandbKey },
      },
    },
    { customTimeouts: { create: "3h" } },
  );

  it("passes the declared inputs, naming metadata and timeouts to the provider", async () => {
    await outputOf(model.id);
    const inputs = registered[0].inputs;
    expect(registered[0].type).toBe("pulumi-nodejs:dynamic/cohere:FinetunedModel");
    const settings = unwrapSecret(inputs.settings);
    expect(settings.datasetId).toBe("ds-1");
    expect(settings.hyperparameters).toEqual({ trainEpochs: 2 });
    expect(inputs.timeouts).toEqual({ create: "3h" });
    expect(inputs.resourceName).toBe("support-bot");
    expect(inputs.autoNameScope).toBe("proj/dev");
    expect(inputs.name).toBeUndefined();
  });

  it("exposes the provider's outputs on the resource", async () => {
    expect(await outputOf(model.status)).toBe("STATUS_READY");
    expect(await outputOf(model.inferenceModelName)).toBe("model-1-ft");
  });

  it("sends the wandb API key as a secret even though the program passed it in clear", async () => {
    await outputOf(model.id);
    expect(registered[0].inputs.settings[secretSig]).toBe(pulumi.runtime.specialSecretSig);
    // Pulumi's SDK cannot mark part of an output secret, so the whole settings output is.
    expect(await pulumi.isSecret(model.settings)).toBe(true);
  });

  it("serializes a provider that holds no secret and no machine path, in bounded size", async () => {
    await outputOf(model.id);
    const serialized: string = registered[0].inputs.__provider;
    expect(serialized).toContain("exports.handler");
    expect(serialized).not.toContain(apiKeyAtProgramTime);
    expect(serialized).not.toContain(wandbKey);
    expect(serialized).not.toContain(path.resolve(__dirname, "..", ".."));
    expect(serialized).not.toMatch(/@pulumi\/pulumi/);
    // Stored twice per resource in state; see bench/ for the measured size.
    expect(serialized.length).toBeLessThan(100_000);
  });
});
