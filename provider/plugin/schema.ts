/**
 * The Pulumi package schema of the `cohere` provider plugin, derived from the resources' and the provider's field
 * tables: the schema cannot name a field, a range, a value or a doc that the providers do not.
 */
import { packageDocs } from "./packageDocs";
import {
  finetunedModelDoc,
  finetunedModelFields,
  finetunedModelOutputFields,
} from "../finetunedModel/fields";
import { datasetDoc, datasetFields, datasetOutputFields } from "../dataset/fields";
import { providerSettingFields, providerSettingKeys } from "../lifecycle/providerSettings";
import type { EnumField, Field, FieldTable, ObjectField } from "../fields/field";
import type { PluginRelease } from "./release";

export interface PropertySpec {
  type?: "string" | "integer" | "number" | "boolean" | "array" | "object";
  $ref?: string;
  items?: PropertySpec;
  additionalProperties?: PropertySpec;
  description?: string;
  secret?: boolean;
  replaceOnChanges?: boolean;
  deprecationMessage?: string;
  defaultInfo?: { environment: string[] };
}

export interface ObjectTypeSpec {
  type: "object";
  description: string;
  properties: Record<string, PropertySpec>;
  required?: string[];
}

export interface EnumTypeSpec {
  type: "string";
  description: string;
  enum: { name: string; value: string; deprecationMessage?: string }[];
}

export interface ResourceSpec {
  description: string;
  inputProperties: Record<string, PropertySpec>;
  requiredInputs?: string[];
  properties?: Record<string, PropertySpec>;
  required?: string[];
  aliases?: { type: string }[];
}

export interface PackageSchema {
  name: string;
  displayName: string;
  description: string;
  version: string;
  license: string;
  repository: string;
  pluginDownloadURL: string;
  keywords: string[];
  language: Record<string, Record<string, unknown>>;
  config: { variables: Record<string, PropertySpec> };
  provider: ResourceSpec;
  resources: Record<string, ResourceSpec>;
  types: Record<string, ObjectTypeSpec | EnumTypeSpec>;
}

export const packageName = "cohere";

export const typeToken = (name: string) => `${packageName}:index:${name}`;

/**
 * Where a field is shown: as declared (inputs), as the stack records a declared value among outputs (its secrets
 * left out), or as reported by Cohere (outputs only: no change of it replaces anything).
 */
type Role = "declared" | "recorded" | "reported";

/** A property, and whether it is required: of the inputs in an input table, always present in an output table. */
type Property = PropertySpec & { required?: boolean };

/** The schema's object and enum types, registered as the fields that use them are shown. */
type Types = Record<string, ObjectTypeSpec | EnumTypeSpec>;

function property(field: Field, role: Role, types: Types): Property {
  const described = {
    description: field.doc,
    ...(field.deprecated && { deprecationMessage: field.deprecated }),
  };
  const flags = {
    ...(field.secret && role === "declared" && { secret: true }),
    ...(field.change === "replace" && role !== "reported" && !field.computed && { replaceOnChanges: true }),
    ...((field.required || (role !== "declared" && field.outputRequired)) && { required: true }),
  };
  switch (field.type) {
    case "string":
    case "boolean":
    case "integer":
    case "number":
      return { type: field.type, ...described, ...flags };
    case "strings":
      return { type: "array", items: { type: "string" }, ...described, ...flags };
    case "numbers":
      return { type: "object", additionalProperties: { type: "number" }, ...described, ...flags };
    case "enum":
      types[typeToken(field.schemaType)] = enumType(field);
      return { $ref: ref(field.schemaType), ...described, ...flags };
    case "object": {
      const recorded = role !== "declared" && field.recorded;
      const name = recorded ? recorded.schemaType : field.schemaType;
      types[typeToken(name)] = objectType(recorded ? recorded.typeDoc : field.typeDoc, field, role, types);
      const description = (recorded && recorded.doc) || field.doc;
      return { $ref: ref(name), ...described, description, ...flags };
    }
  }
}

const ref = (name: string) => `#/types/${typeToken(name)}`;

/** A declared object keeps its replacing fields' marks where the stack records it; its secrets are left out. */
function objectType(description: string, field: ObjectField, role: Role, types: Types): ObjectTypeSpec {
  const shown = Object.entries(field.fields).filter(([, inner]) => role === "declared" || !inner.secret);
  return { type: "object", description, ...properties(shown, role, types) };
}

/** The values in their order, each named by its constant (`BASE_TYPE_CHAT` is `Chat`). */
function enumType(field: EnumField): EnumTypeSpec {
  const nameOf = (value: string) =>
    Object.keys(field.constants).find((key) => field.constants[key] === value) ?? value;
  return {
    type: "string",
    description: field.typeDoc,
    enum: field.values.map((value) => ({
      name: nameOf(value),
      value,
      ...(field.deprecated && { deprecationMessage: field.deprecated }),
    })),
  };
}

function properties(
  fields: [string, Field][],
  role: Role,
  types: Types,
): Pick<ObjectTypeSpec, "properties" | "required"> {
  const shown = fields.map(([name, field]) => [name, property(field, role, types)] as const);
  const required = shown.filter(([, shownProperty]) => shownProperty.required).map(([name]) => name);
  return {
    properties: Object.fromEntries(
      shown.map(([name, { required: _required, ...withoutRequired }]) => [name, withoutRequired]),
    ),
    ...(required.length > 0 ? { required } : {}),
  };
}

/**
 * A resource from its tables: the declared fields as inputs; as outputs, the declared fields as recorded, the
 * ones worked out for them (a file's hash, which the plugin computes in Check), and what only Cohere reports.
 */
export function resourceSpec(
  name: string,
  description: string,
  fields: FieldTable,
  outputFields: FieldTable,
  types: Types,
): ResourceSpec {
  const declared = Object.entries(fields).filter(([, field]) => !field.computed);
  const { properties: inputProperties, required: requiredInputs } = properties(declared, "declared", types);
  const recorded = properties(
    [...declared, ...Object.entries(fields).filter(([, field]) => field.computed)],
    "recorded",
    types,
  );
  const reported = properties(Object.entries(outputFields), "reported", types);
  const required = [...(recorded.required ?? []), ...(reported.required ?? [])];
  return {
    description,
    inputProperties,
    ...(requiredInputs && { requiredInputs }),
    properties: { ...recorded.properties, ...reported.properties },
    ...(required.length > 0 && { required }),
    // The type the dynamic resources register (`DynamicResource`): a stack made with them moves over unchanged.
    aliases: [{ type: `pulumi-nodejs:dynamic/${packageName}:${name}` }],
  };
}

/** What applies when a setting is not set: its environment variable, then its default. */
function configProperty(key: keyof typeof providerSettingFields): PropertySpec {
  const field: Field = providerSettingFields[key];
  const unset = [
    field.environment && `the provider process's \`${field.environment}\` environment variable`,
    field.default && `\`${field.default}\``,
  ].filter(Boolean);
  const description = `${field.doc}${unset.length > 0 ? ` When not set: ${unset.join(", else ")}.` : ""}`;
  return { type: field.type as PropertySpec["type"], description, ...(field.secret && { secret: true }) };
}

export function packageSchema(release: PluginRelease): PackageSchema {
  const types: Types = {};
  const resources = {
    [typeToken("FinetunedModel")]: resourceSpec(
      "FinetunedModel",
      finetunedModelDoc,
      finetunedModelFields,
      finetunedModelOutputFields,
      types,
    ),
    [typeToken("Dataset")]: resourceSpec("Dataset", datasetDoc, datasetFields, datasetOutputFields, types),
  };
  const goModule = `${release.repository.replace(/^https:\/\//, "")}/sdk`;
  return {
    name: packageName,
    displayName: packageDocs.displayName,
    description: packageDocs.description,
    version: release.version,
    license: "Apache-2.0",
    repository: release.repository,
    pluginDownloadURL: release.pluginDownloadURL,
    keywords: ["pulumi", "cohere", "fine-tuning", "category/cloud", "kind/native"],
    // Every SDK takes the schema's version (Python's would otherwise be 0.0.0, and Node.js's the CLI's default).
    language: {
      // Not `@pulumi/cohere` (Pulumi's scope), nor the dynamic package's own name, `pulumi-cohere-finetuning`.
      nodejs: { packageName: "pulumi-cohere", respectSchemaVersion: true },
      python: { packageName: "pulumi_cohere", respectSchemaVersion: true },
      // The module is published from the repository's `sdk/` directory, as Pulumi's own providers are.
      go: { importBasePath: `${goModule}/go/${packageName}`, respectSchemaVersion: true },
      csharp: { rootNamespace: "Pulumi", packageReferences: { Pulumi: "3.*" }, respectSchemaVersion: true },
    },
    config: {
      variables: Object.fromEntries(
        providerSettingKeys.map((key) => {
          const { environment } = providerSettingFields[key] as Field;
          return [
            key,
            { ...configProperty(key), ...(environment && { defaultInfo: { environment: [environment] } }) },
          ];
        }),
      ),
    },
    provider: {
      description: `The provider of Cohere fine-tuned models and datasets; stack config \`${packageName}:*\` configures the default one.`,
      // No defaultInfo: SDKs would read the program's environment into an explicit provider's inputs, and so into
      // state; the provider process reads the environment itself.
      inputProperties: Object.fromEntries(providerSettingKeys.map((key) => [key, configProperty(key)])),
    },
    resources,
    types,
  };
}
