/** Pulumi programs the end-to-end tests write into a user project's index.ts. */

export interface DeclaredModel {
  args: Record<string, unknown>;
  opts?: Record<string, unknown>;
}

/**
 * A program declaring these FinetunedModels and exporting `models` (name → id, status, name, inference model,
 * training metrics and steps).
 * A string `"secret:<key>"` anywhere in the args becomes the stack's secret config `<key>`.
 */
export function modelsProgram(declared: Record<string, DeclaredModel>): string {
  return `import * as pulumi from "@pulumi/pulumi";
import { FinetunedModel } from "pulumi-cohere-finetuning";

const config = new pulumi.Config();
const withSecrets = (value: unknown): unknown =>
  typeof value === "string" && value.startsWith("secret:")
    ? config.requireSecret(value.slice("secret:".length))
    : Array.isArray(value)
      ? value.map(withSecrets)
      : value && typeof value === "object"
        ? Object.fromEntries(Object.entries(value).map(([key, item]) => [key, withSecrets(item)]))
        : value;

const declared: Record<string, { args: any; opts?: pulumi.CustomResourceOptions }> = ${JSON.stringify(declared, null, 2)};

export const models: Record<string, unknown> = {};
for (const [name, { args, opts }] of Object.entries(declared)) {
  const model = new FinetunedModel(name, withSecrets(args) as any, opts);
  models[name] = {
    id: model.id,
    status: model.status,
    name: model.name,
    inferenceModelName: model.inferenceModelName,
    trainingMetrics: model.trainingMetrics,
    trainingSteps: model.trainingSteps,
  };
}
`;
}

/** A Pulumi YAML program of the plugin (its path as the examples have it) declaring chat models on one dataset. */
export function yamlModelsProgram(datasetId: string, names: readonly string[]): string {
  const resources = names
    .map(
      (name) => `  ${name}:
    type: cohere:index:FinetunedModel
    properties:
      settings:
        baseModel:
          baseType: BASE_TYPE_CHAT
        datasetId: ${datasetId}
`,
    )
    .join("");
  return `name: cohere-fleet
runtime: yaml
plugins:
  providers:
    - name: cohere
      path: ../../.cohere-plugin
resources:
${resources}`;
}
