import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import * as enums from "../../provider/cohere/enums";
import { diffDataset } from "../../provider/dataset/diff";
import { validateDataset } from "../../provider/dataset/validation";
import { outputsFromWire as datasetOutputsFromWire } from "../../provider/dataset/datasetConversion";
import type { DatasetInputs, DatasetOutputs } from "../../provider/dataset/types";
import { diffFinetunedModel } from "../../provider/finetunedModel/diff";
import { hyperparameterNames, hyperparameterRules } from "../../provider/finetunedModel/hyperparameters";
import { validateFinetunedModel } from "../../provider/finetunedModel/validation";
import {
  declaredForOutputs,
  outputsFromWire as modelOutputsFromWire,
} from "../../provider/finetunedModel/modelConversion";
import type { FinetunedModelInputs, FinetunedModelOutputs } from "../../provider/finetunedModel/types";
import { dynamicHostKeys } from "../../provider/lifecycle/dynamicHostProvider";
import { CheckFailure, FailureCollector } from "../../provider/lifecycle/rules";
import { resourceTypes } from "../../provider/plugin/resourceTypes";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import {
  EnumTypeSpec,
  ObjectTypeSpec,
  packageSchema,
  PropertySpec,
  ResourceSpec,
} from "../../provider/plugin/schema";

const registered: pulumi.runtime.MockResourceArgs[] = [];
pulumi.runtime.setMocks(
  {
    newResource: (args) => {
      registered.push(args);
      return { id: `${args.name}-id`, state: args.inputs };
    },
    call: () => ({}),
  },
  "proj",
  "dev",
);
// Imported after the mocks are set, as Pulumi's testing guide requires.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const { Dataset, FinetunedModel } = require("../../provider") as typeof import("../../provider");

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "plugin-schema-"));
const trainFile = path.join(dir, "train.jsonl");
const evalFile = path.join(dir, "eval.jsonl");
fs.writeFileSync(trainFile, '{"messages":[]}\n');
fs.writeFileSync(evalFile, '{"messages":[]}\n');
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const schema = packageSchema(checkoutRelease({ version: "1.2.3" }));
const modelToken = "cohere:index:FinetunedModel";
const datasetToken = "cohere:index:Dataset";
const model = schema.resources[modelToken];
const dataset = schema.resources[datasetToken];

/** The inputs the validators allow that no program declares: none of a model's (the hosts' bookkeeping is split off first) ... */
const dynamicOnlyModelKeys: string[] = [];
/** ... and, for a dataset, the file hashes the resource class computes, which the plugin computes in Check. */
const dynamicOnlyDatasetKeys = ["dataFileHash", "evalDataFileHash"];

type Spec = Record<string, unknown>;

const typeOf = (property: PropertySpec) =>
  property.$ref ? schema.types[property.$ref.replace("#/types/", "")] : undefined;
const objectTypeOf = (property: PropertySpec) => {
  const type = typeOf(property);
  return type?.type === "object" ? (type as ObjectTypeSpec) : undefined;
};
const enumTypeOf = (property: PropertySpec) => {
  const type = typeOf(property);
  return type && "enum" in type ? (type as EnumTypeSpec) : undefined;
};

interface SchemaPath {
  path: string;
  property: PropertySpec;
  required: boolean;
  /** Has no nested object type. */
  leaf: boolean;
}

/** Every property path under `properties`, through the object types they reference. */
function schemaPaths(
  properties: Record<string, PropertySpec>,
  required: string[] = [],
  prefix = "",
): SchemaPath[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    const object = objectTypeOf(property);
    return [
      { path, property, required: required.includes(name), leaf: !object },
      ...(object ? schemaPaths(object.properties, object.required, path) : []),
    ];
  });
}

const inputPaths = (resource: ResourceSpec) => schemaPaths(resource.inputProperties, resource.requiredInputs);
const outputPaths = (resource: ResourceSpec) => schemaPaths(resource.properties ?? {}, resource.required);

/** The property names of the object at `level` ("" for the resource itself). */
function keysAt(resource: ResourceSpec, level: string): string[] {
  if (level === "") return Object.keys(resource.inputProperties);
  const found = inputPaths(resource).find(({ path }) => path === level);
  return Object.keys(objectTypeOf(found!.property)!.properties);
}

/** The paths the SDKs generated from the schema replace on, as codegen collects them: from the outputs. */
function replaceOnChangesPaths(properties: Record<string, PropertySpec>, prefix = ""): string[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = prefix ? `${prefix}.${name}` : name;
    if (property.replaceOnChanges) return [path];
    const object = objectTypeOf(property);
    return object ? replaceOnChangesPaths(object.properties, path) : [];
  });
}

const get = (value: unknown, path: string): unknown =>
  path === "" ? value : path.split(".").reduce<unknown>((at, key) => (at as Spec | undefined)?.[key], value);

function withValue(spec: Spec, path: string, value: unknown): Spec {
  const copy = structuredClone(spec);
  const keys = path.split(".");
  const last = keys.pop()!;
  const parent = keys.reduce<Spec>((at, key) => at[key] as Spec, copy);
  if (value === undefined) delete parent[last];
  else parent[last] = value;
  return copy;
}

/** A value of the property's type, an enum's first value, or the sample an override gives for its path. */
function sampleValue(path: string, property: PropertySpec, overrides: Spec): unknown {
  if (path in overrides) return overrides[path];
  const enumType = enumTypeOf(property);
  if (enumType) return enumType.enum[0].value;
  const object = objectTypeOf(property);
  if (object) return sampleObject(object.properties, overrides, path);
  switch (property.type) {
    case "string":
      return "sample";
    case "boolean":
      return true;
    case "integer":
      return 1;
    case "number":
      return 0.5;
    case "array":
      return [sampleValue(`${path}[0]`, property.items!, overrides)];
    default:
      throw new Error(`no sample for ${path}`);
  }
}

function sampleObject(properties: Record<string, PropertySpec>, overrides: Spec, prefix = ""): Spec {
  return Object.fromEntries(
    Object.entries(properties).map(([name, property]) => {
      const path = prefix ? `${prefix}.${name}` : name;
      return [name, sampleValue(path, property, overrides)];
    }),
  );
}

const uuid = "0d3f7c0e-1111-4c4c-8888-000000000001";
/** Cross-field rules of validation: these settings apply to one base type only. */
const onlyForBaseType: Record<string, string> = {
  "settings.wandb": enums.BaseType.Chat,
  "settings.multiLabel": enums.BaseType.Classification,
};
const hyperparameterSamples = Object.fromEntries(
  hyperparameterNames.flatMap((name) => {
    const rule = hyperparameterRules[name];
    return rule.kind === "enum" ? [] : [[`settings.hyperparameters.${name}`, rule.min]];
  }),
);

/** Every input the schema declares that a model of this base type may have. */
function modelSample(baseType: string): Spec {
  const overrides: Spec = {
    ...hyperparameterSamples,
    "settings.baseModel.baseType": baseType,
    adoptModelId: uuid,
    ...(baseType === enums.BaseType.Rerank && { "settings.baseModel.name": "english" }),
  };
  let sample = sampleObject(model.inputProperties, overrides);
  for (const [path, only] of Object.entries(onlyForBaseType)) {
    if (only !== baseType) sample = withValue(sample, path, undefined);
  }
  return sample;
}

const baseTypes = (schema.types["cohere:index:BaseType"] as EnumTypeSpec).enum.map(({ value }) => value);
const modelSamples = baseTypes.map(modelSample);
const datasetSample = sampleObject(dataset.inputProperties, {
  dataFile: trainFile,
  evalDataFile: evalFile,
  csvDelimiter: ";",
});

const checkModel = (inputs: Spec): CheckFailure[] => validateFinetunedModel(inputs);
/** The plugin hashes the files before Check, so the hashes need not be there yet. */
/** As Check sees a dataset that may have been imported, which is the least the schema may require. */
const checkDataset = (inputs: Spec): CheckFailure[] =>
  validateDataset(inputs, new FailureCollector(), false, false);

interface Subject {
  name: string;
  resource: ResourceSpec;
  samples: Spec[];
  check: (inputs: Spec) => CheckFailure[];
  dynamicOnlyKeys: string[];
}
const subjects: Subject[] = [
  {
    name: "FinetunedModel",
    resource: model,
    samples: modelSamples,
    check: checkModel,
    dynamicOnlyKeys: dynamicOnlyModelKeys,
  },
  {
    name: "Dataset",
    resource: dataset,
    samples: [datasetSample],
    check: checkDataset,
    dynamicOnlyKeys: dynamicOnlyDatasetKeys,
  },
];
const sampleWith = (subject: Subject, path: string) => {
  const sample = subject.samples.find((candidate) => get(candidate, path) !== undefined);
  if (!sample) throw new Error(`no ${subject.name} sample has ${path}`);
  return sample;
};

describe.each(subjects)("the schema's $name inputs", (subject) => {
  const paths = inputPaths(subject.resource);
  const objectLevels = ["", ...paths.filter(({ leaf }) => !leaf).map(({ path }) => path)];

  it("are all accepted by validation, in samples that cover every path", () => {
    for (const sample of subject.samples) expect(subject.check(sample)).toEqual([]);
    const covered = paths.filter(({ path }) =>
      subject.samples.some((sample) => get(sample, path) !== undefined),
    );
    expect(covered.map(({ path }) => path)).toEqual(paths.map(({ path }) => path));
  });

  it.each(objectLevels)("name at %p exactly the fields validation allows there", (level) => {
    const probe = "unknownProbe";
    const sample = sampleWith(subject, level);
    const failures = subject.check(withValue(sample, level ? `${level}.${probe}` : probe, "x"));
    const failure = failures.find(({ property }) => property === (level ? `${level}.${probe}` : probe));
    const allowed = /expected one of: (.*)\)$/.exec(failure?.reason ?? "")?.[1].split(", ");
    const dynamicOnly = level === "" ? subject.dynamicOnlyKeys : [];
    expect(allowed?.sort()).toEqual([...keysAt(subject.resource, level), ...dynamicOnly].sort());
  });

  it.each(paths.map(({ path, required }) => [path, required] as const))(
    "%s: required %p as validation requires it",
    (path, required) => {
      const failures = subject.check(withValue(sampleWith(subject, path), path, undefined));
      if (required) expect(failures.map(({ property }) => property)).toContain(path);
      else expect(failures).toEqual([]);
    },
  );

  it("type each enum with exactly the values validation allows", () => {
    const enumPaths = paths.filter(({ property }) => enumTypeOf(property));
    expect(enumPaths.length).toBeGreaterThan(0);
    for (const { path, property } of enumPaths) {
      const failures = subject.check(withValue(sampleWith(subject, path), path, "NOT_A_VALUE"));
      const failure = failures.find((candidate) => candidate.property === path);
      const allowed = /must be one of (.*), got/.exec(failure?.reason ?? "")?.[1].split(", ");
      expect({ path, values: allowed?.sort() }).toEqual({
        path,
        values: enumTypeOf(property)!
          .enum.map(({ value }) => value)
          .sort(),
      });
    }
  });

  it("are all outputs too (outputs embed inputs)", () => {
    expect(Object.keys(subject.resource.properties!)).toEqual(
      expect.arrayContaining(Object.keys(subject.resource.inputProperties)),
    );
  });

  it("mark secret exactly the paths the plugin keeps secret", () => {
    const secret = paths.filter(({ property }) => property.secret).map(({ path }) => path);
    const token = subject.name === "FinetunedModel" ? modelToken : datasetToken;
    expect(secret).toEqual(resourceTypes[token].secretInputs);
  });
});

describe("enum types", () => {
  it("name each value by its key in provider/cohere/enums.ts", () => {
    for (const [token, type] of Object.entries(schema.types)) {
      if (!("enum" in type)) continue;
      const constants = (enums as unknown as Record<string, Record<string, string>>)[token.split(":")[2]];
      for (const { name, value } of type.enum)
        expect({ token, value: constants[name] }).toEqual({ token, value });
    }
  });

  it("accept no base type that validation rejects, and deprecate every strategy", () => {
    expect(baseTypes).not.toContain(enums.BaseType.Generative);
    const strategy = schema.types["cohere:index:Strategy"] as EnumTypeSpec;
    expect(strategy.enum.map(({ value }) => value)).toEqual(Object.values(enums.Strategy));
    expect(strategy.enum.every(({ deprecationMessage }) => deprecationMessage)).toBe(true);
  });
});

describe("hyperparameters", () => {
  const type = schema.types["cohere:index:Hyperparameters"] as ObjectTypeSpec;
  const chat = modelSamples[baseTypes.indexOf(enums.BaseType.Chat)];
  const hyperparameter = (name: string, value: unknown) =>
    checkModel(withValue(chat, `settings.hyperparameters.${name}`, value));

  it("are exactly hyperparameterRules", () => {
    expect(Object.keys(type.properties).sort()).toEqual([...hyperparameterNames].sort());
  });

  it.each(hyperparameterNames)("%s: the rule's type, range and default", (name) => {
    const rule = hyperparameterRules[name];
    const property = type.properties[name];
    expect(property.description?.toLowerCase()).toContain(rule.doc.toLowerCase());
    if (rule.kind === "enum") {
      expect(enumTypeOf(property)!.enum.map(({ value }) => value)).toEqual(rule.values);
      return;
    }
    expect(property.type).toBe(rule.kind);
    const bounds: (number | undefined)[] = [rule.min, "max" in rule ? rule.max : undefined];
    for (const bound of bounds.filter((value) => value !== undefined)) {
      expect(property.description).toContain(String(bound));
    }
    if ("default" in rule) expect(property.description).toContain(`default: ${rule.default}`);
    // An integer in the schema is one that validation wants whole; a number takes a fraction.
    const middle = "max" in rule ? (rule.min + rule.max) / 2 : rule.min + 1;
    const fractional = Number.isInteger(middle) ? middle + 0.5 : middle;
    expect(hyperparameter(name, fractional).length > 0).toBe(rule.kind === "integer");
  });
});

describe("secrets", () => {
  it("are the API key (config and provider input) and the W&B key", () => {
    expect(schema.config.variables.apiKey.secret).toBe(true);
    expect(schema.provider.inputProperties.apiKey.secret).toBe(true);
    expect((schema.types["cohere:index:Wandb"] as ObjectTypeSpec).properties.apiKey.secret).toBe(true);
    const secretConfig = Object.keys(schema.config.variables).filter(
      (key) => schema.config.variables[key].secret,
    );
    expect(secretConfig).toEqual(["apiKey"]);
  });

  it("never appear among the outputs", () => {
    for (const resource of [model, dataset]) {
      const paths = outputPaths(resource);
      expect(paths.filter(({ property }) => property.secret)).toEqual([]);
      expect(paths.filter(({ path }) => path.endsWith("apiKey"))).toEqual([]);
    }
  });
});

/** Leaf paths of a plain value, not descending into the maps `stopAt` names. */
function valuePaths(value: unknown, stopAt: string[], prefix = ""): string[] {
  if (!value || typeof value !== "object" || Array.isArray(value) || stopAt.includes(prefix)) return [prefix];
  return Object.entries(value).flatMap(([key, item]) =>
    valuePaths(item, stopAt, prefix ? `${prefix}.${key}` : key),
  );
}

describe("outputs", () => {
  const chat = modelSamples[baseTypes.indexOf(enums.BaseType.Chat)] as unknown as FinetunedModelInputs;

  it("of a model hold every path the provider writes, and what is required is always written", () => {
    const outputs: FinetunedModelOutputs = {
      ...modelOutputsFromWire(chat, {
        id: uuid,
        name: "bot",
        creator_id: "user",
        organization_id: "org",
        status: enums.Status.Ready,
        created_at: "2026-01-01T00:00:00Z",
        updated_at: "2026-01-01T00:00:00Z",
        completed_at: "2026-01-01T00:00:00Z",
        last_used: "2026-01-01T00:00:00Z",
        settings: {
          base_model: {
            base_type: enums.BaseType.Chat,
            name: "command",
            version: "7",
            strategy: "STRATEGY_TFEW",
          },
          dataset_id: "ds",
          hyperparameters: Object.fromEntries(
            hyperparameterNames.map((name) => [
              hyperparameterRules[name].wire,
              chat.settings.hyperparameters![name],
            ]),
          ),
          multi_label: false,
          wandb: { project: "p", api_key: "key", entity: "e" },
        },
      }),
      trainingMetrics: { accuracy: 0.9 },
      trainingSteps: 10,
    };
    const known = outputPaths(model).map(({ path }) => path);
    const written = valuePaths(outputs, ["trainingMetrics"]);
    expect(written.filter((path) => !known.includes(path) && !dynamicOnlyModelKeys.includes(path))).toEqual(
      [],
    );
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(model.required!));
  });

  it("of a dataset hold every path the provider writes, and what is required is always written", () => {
    const inputs = { ...datasetSample, dataFileHash: "a".repeat(64), evalDataFileHash: "b".repeat(64) };
    const outputs: DatasetOutputs = {
      ...datasetOutputsFromWire(inputs as unknown as DatasetInputs, {
        id: "ds",
        name: "data",
        created_at: "2026-01-01T00:00:00Z",
        dataset_type: enums.DatasetType.ChatFinetuneInput,
        validation_status: enums.ValidationStatus.Validated,
        validation_error: "",
        validation_warnings: ["dropped a row"],
        metrics: {
          finetune_dataset_metrics: {
            total_examples: 3,
            train_examples: 2,
            eval_examples: 1,
            trainable_token_count: 9,
          },
        },
      }),
      expired: false,
    };
    const known = outputPaths(dataset).map(({ path }) => path);
    const written = valuePaths(outputs, []);
    expect(written.filter((path) => !known.includes(path))).toEqual([]);
    expect(Object.keys(outputs)).toEqual(expect.arrayContaining(dataset.required!));
  });
});

/** A different value of the same type at `path`. */
function changed(sample: Spec, path: string, property: PropertySpec): unknown {
  const current = get(sample, path);
  const enumType = enumTypeOf(property);
  if (enumType) return enumType.enum.map(({ value }) => value).find((value) => value !== current);
  if (path === "adoptModelId") return "0d3f7c0e-1111-4c4c-8888-000000000002";
  if (typeof current === "string") return `${current}-changed`;
  if (typeof current === "boolean") return !current;
  if (typeof current === "number") return current + 1;
  if (Array.isArray(current)) return [...current, "more"];
  throw new Error(`cannot change ${path}`);
}

const underAny = (path: string, prefixes: string[]) =>
  prefixes.some((prefix) => path === prefix || path.startsWith(`${prefix}.`));

describe("replaceOnChanges", () => {
  it("marks a model's training fields, the same in its inputs and the outputs codegen reads", () => {
    const retraining = [
      "settings.baseModel",
      "settings.datasetId",
      "settings.hyperparameters",
      "settings.multiLabel",
    ];
    expect(replaceOnChangesPaths(model.properties!)).toEqual(retraining);
    expect(replaceOnChangesPaths(model.inputProperties)).toEqual(retraining);
  });

  it("marks a dataset's name, type and upload options", () => {
    const replacing = replaceOnChangesPaths(dataset.properties!);
    expect(replaceOnChangesPaths(dataset.inputProperties)).toEqual(replacing);
    expect(replacing.sort()).toEqual(
      [
        "name",
        "type",
        "keepOriginalFile",
        "skipMalformedInput",
        "keepFields",
        "optionalFields",
        "textSeparator",
        "csvDelimiter",
      ].sort(),
    );
  });

  it.each(inputPaths(model).filter(({ leaf }) => leaf))(
    "FinetunedModel $path: a change starts a training exactly when the schema says it replaces",
    ({ path, property }) => {
      const declared = withValue(sampleWith(subjects[0], path), "adoptModelId", undefined);
      const olds = {
        ...declaredForOutputs(declared as unknown as FinetunedModelInputs),
        name: "sample",
        status: enums.Status.Ready,
        inferenceModelName: `${uuid}-ft`,
      } as FinetunedModelOutputs;
      const news = withValue(
        declared,
        path,
        changed(declared, path, property),
      ) as unknown as FinetunedModelInputs;
      const decision = diffFinetunedModel(uuid, olds, news);
      expect(decision.startsTraining).toBe(underAny(path, replaceOnChangesPaths(model.properties!)));
    },
  );

  it.each(inputPaths(dataset).filter(({ leaf }) => leaf))(
    "Dataset $path: a change uploads a new dataset exactly when the schema says it replaces",
    ({ path, property }) => {
      const hashes = { dataFileHash: "a".repeat(64), evalDataFileHash: "b".repeat(64) };
      const olds = {
        ...datasetSample,
        ...hashes,
        validationStatus: enums.ValidationStatus.Validated,
      } as unknown as DatasetOutputs;
      const news = { ...withValue(datasetSample, path, changed(datasetSample, path, property)), ...hashes };
      const decision = diffDataset("ds", olds, news as unknown as DatasetInputs);
      expect(decision.replaces.length > 0).toBe(underAny(path, replaceOnChangesPaths(dataset.properties!)));
    },
  );
});

describe("the package", () => {
  it("is named cohere, serves the two resource tokens and downloads from the repository's GitHub releases", () => {
    expect(schema.name).toBe("cohere");
    expect(schema.version).toBe("1.2.3");
    expect(Object.keys(schema.resources).sort()).toEqual([datasetToken, modelToken]);
    expect(schema.repository).toBe("https://github.com/cohere-pulumi/pulumi-cohere-finetuning");
    expect(schema.pluginDownloadURL).toBe("github://api.github.com/cohere-pulumi/pulumi-cohere-finetuning");
    expect(schema.language.go.importBasePath).toBe(
      "github.com/cohere-pulumi/pulumi-cohere-finetuning/sdk/go/cohere",
    );
    expect(JSON.parse(JSON.stringify(schema))).toEqual(schema);
  });

  it("references only types it defines, and defines only types it references", () => {
    const json = JSON.stringify(schema);
    const referenced = new Set([...json.matchAll(/"\$ref":"#\/types\/([^"]+)"/g)].map(([, token]) => token));
    expect([...referenced].sort()).toEqual(Object.keys(schema.types).sort());
  });

  it("configures the provider with the same settings as stack config, the environment left to the provider", () => {
    for (const [key, variable] of Object.entries(schema.config.variables)) {
      const { defaultInfo: _defaultInfo, ...asInput } = variable;
      expect(schema.provider.inputProperties[key]).toEqual(asInput);
    }
    expect(Object.keys(schema.provider.inputProperties)).toEqual(Object.keys(schema.config.variables));
    expect(schema.config.variables.apiKey.defaultInfo).toEqual({ environment: ["CO_API_KEY"] });
    expect(schema.config.variables.baseUrl.defaultInfo).toEqual({ environment: ["CO_API_URL"] });
  });

  it("aliases each resource to the type its dynamic resource registers, whose inputs are all in the schema", async () => {
    const resources = [
      new FinetunedModel("m", modelSamples[0] as never),
      new Dataset("d", datasetSample as never),
    ];
    await Promise.all(resources.map((resource) => new Promise((resolve) => resource.urn.apply(resolve))));
    for (const [token, resource, dynamicOnly] of [
      [modelToken, model, dynamicOnlyModelKeys],
      [datasetToken, dataset, dynamicOnlyDatasetKeys],
    ] as const) {
      const args = registered.find(({ type }) => resource.aliases!.some((alias) => alias.type === type));
      expect({ token, registered: args?.type }).toEqual({ token, registered: resource.aliases![0].type });
      const inputKeys = Object.keys(args!.inputs).filter((key) => args!.inputs[key] !== undefined);
      const known = [...Object.keys(resource.inputProperties), ...dynamicOnly, ...dynamicHostKeys];
      expect(inputKeys.filter((key) => !known.includes(key))).toEqual([]);
    }
  });
});
