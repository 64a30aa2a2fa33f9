/** The `cohere-policies` pack's policies: which resources each checks, its default level and its config. */
import type {
  EnforcementLevel,
  PolicyConfigSchema,
  ResourceValidationArgs,
  ResourceValidationPolicy,
} from "@pulumi/policy";
import { plainConfigValues, secretInputPaths, stackConfigValue } from "./engineRequests";
import {
  baseTypeViolation,
  CohereKind,
  CohereResource,
  epochsViolation,
  maxEpochsCohereAllows,
  qualityGateViolation,
  retrainViolation,
  trainableBaseTypes,
  trainingBudgetViolation,
  wandbKeyViolation,
} from "./rules";

/** The type tokens of both hosts: the plugin's, and the dynamic resources' of the npm package. */
const kindOfType: Record<string, CohereKind> = {
  "cohere:index:FinetunedModel": "FinetunedModel",
  "cohere:index:Dataset": "Dataset",
  "pulumi-nodejs:dynamic/cohere:FinetunedModel": "FinetunedModel",
  "pulumi-nodejs:dynamic/cohere:Dataset": "Dataset",
};
const pluginProviderType = "pulumi:providers:cohere";

interface CoherePolicy<Config> {
  name: string;
  description: string;
  enforcementLevel: EnforcementLevel;
  configSchema?: PolicyConfigSchema;
  kinds: CohereKind[];
  violation(resource: CohereResource, config: Config): string | undefined;
}

function cohereResource(args: ResourceValidationArgs, kind: CohereKind): CohereResource {
  const stack = /^urn:pulumi:([^:]+)::/.exec(args.urn)?.[1] ?? "";
  return {
    kind,
    inputs: args.props,
    // A plugin resource's provider holds its settings (a default provider's are the stack's `cohere:*` config); a
    // dynamic resource's provider reads the stack's `cohere:*` config itself.
    setting: (key) =>
      args.provider?.type === pluginProviderType
        ? args.provider.props[key]
        : stackConfigValue(`cohere:${key}`),
    stack,
    secretPaths: secretInputPaths(args.urn),
    plainConfigValues: plainConfigValues(),
  };
}

function resourcePolicy<Config extends object>(policy: CoherePolicy<Config>): ResourceValidationPolicy {
  const { kinds, violation, ...described } = policy;
  return {
    ...described,
    validateResource: (args, reportViolation) => {
      const kind = kindOfType[args.type];
      if (!kind || !kinds.includes(kind)) return;
      const message = violation(cohereResource(args, kind), args.getConfig<Config>());
      if (message) reportViolation(message);
    },
  };
}

export const policies: ResourceValidationPolicy[] = [
  resourcePolicy<{ minAccuracy?: number }>({
    name: "cohere-quality-gate-required",
    description:
      "A fine-tuned model must declare a qualityGate, with minAccuracy at least `minAccuracy` if set.",
    enforcementLevel: "advisory",
    configSchema: { properties: { minAccuracy: { type: "number", minimum: 0, maximum: 1 } } },
    kinds: ["FinetunedModel"],
    violation: qualityGateViolation,
  }),
  resourcePolicy<{ allowed: string[] }>({
    name: "cohere-allowed-base-types",
    description: "Models, and datasets by the models they train, only of the base types in `allowed`.",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        allowed: {
          type: "array",
          items: { type: "string", enum: trainableBaseTypes },
          uniqueItems: true,
          default: trainableBaseTypes,
        },
      },
    },
    kinds: ["FinetunedModel", "Dataset"],
    violation: baseTypeViolation,
  }),
  resourcePolicy<{ maxEpochs: number }>({
    name: "cohere-max-epochs",
    description: "A training runs at most `maxEpochs` epochs (Cohere's default of 1 when none are declared).",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: {
        maxEpochs: {
          type: "integer",
          minimum: 1,
          maximum: maxEpochsCohereAllows,
          default: maxEpochsCohereAllows,
        },
      },
    },
    kinds: ["FinetunedModel"],
    violation: epochsViolation,
  }),
  resourcePolicy({
    name: "cohere-wandb-key-secret",
    description:
      "A Weights & Biases API key reaches the model as a secret, never from stack config in clear.",
    enforcementLevel: "mandatory",
    kinds: ["FinetunedModel"],
    violation: wandbKeyViolation,
  }),
  resourcePolicy<{ stacks: string }>({
    name: "cohere-retrain-guard",
    description:
      "On stacks whose name matches `stacks`, allowRetrain is false (the model's, else its provider's).",
    enforcementLevel: "mandatory",
    configSchema: {
      properties: { stacks: { type: "string", format: "regex", default: "^prod(uction)?$" } },
    },
    kinds: ["FinetunedModel"],
    violation: retrainViolation,
  }),
  resourcePolicy<{ maxTrainingTokens?: number }>({
    name: "cohere-training-budget-required",
    description: "A model's trainings are bounded by maxTrainingTokens, at most `maxTrainingTokens` if set.",
    enforcementLevel: "advisory",
    configSchema: { properties: { maxTrainingTokens: { type: "integer", minimum: 1 } } },
    kinds: ["FinetunedModel"],
    violation: trainingBudgetViolation,
  }),
];
