/**
 * Cohere's fine-tuning hyperparameters, each written once: its wire name, what it means, its documented range and
 * default. Types, wire mapping, validation and the README's table are derived from this table.
 */
import { LoraTargetModules } from "../cohere/enums";
import { upperFirst, type FieldTable } from "../fields/field";

interface NumberRule {
  kind: "integer" | "number";
  wire: string;
  doc: string;
  min: number;
  /** Absent where Cohere documents no upper bound. */
  max?: number;
  /** Cohere's default, where documented. */
  default?: number;
}

interface EnumRule {
  kind: "enum";
  wire: string;
  doc: string;
  values: readonly string[];
}

export const hyperparameterRules = {
  trainEpochs: {
    kind: "integer",
    wire: "train_epochs",
    doc: "passes over the training data",
    min: 1,
    max: 10,
    default: 1,
  },
  learningRate: {
    kind: "number",
    wire: "learning_rate",
    doc: "the optimizer's learning rate",
    min: 0.00005,
    max: 0.1,
    default: 0.01,
  },
  trainBatchSize: {
    kind: "integer",
    wire: "train_batch_size",
    doc: "examples per training step",
    min: 2,
    max: 16,
    default: 16,
  },
  earlyStoppingThreshold: {
    kind: "number",
    wire: "early_stopping_threshold",
    doc: "the loss improvement that counts as improving",
    min: 0.001,
    max: 0.1,
    default: 0.001,
  },
  earlyStoppingPatience: {
    kind: "integer",
    wire: "early_stopping_patience",
    doc: "evaluations without improvement before training stops early",
    min: 0,
    max: 10,
    default: 10,
  },
  loraRank: { kind: "integer", wire: "lora_rank", doc: "LoRA rank (range undocumented)", min: 1 },
  loraAlpha: { kind: "integer", wire: "lora_alpha", doc: "LoRA scaling factor (range undocumented)", min: 1 },
  loraTargetModules: {
    kind: "enum",
    wire: "lora_target_modules",
    doc: "the modules LoRA adapts",
    values: Object.values(LoraTargetModules),
  },
} as const satisfies Record<string, NumberRule | EnumRule>;

export type HyperparameterName = keyof typeof hyperparameterRules;

export const hyperparameterNames = Object.keys(hyperparameterRules) as HyperparameterName[];

type HyperparameterField<Rule> = Rule extends { kind: "enum" }
  ? {
      type: "enum";
      values: readonly LoraTargetModules[];
      constants: typeof LoraTargetModules;
      schemaType: string;
      typeDoc: string;
      doc: string;
    }
  : { type: "integer" | "number"; doc: string };

/** The hyperparameters as fields of `settings.hyperparameters`, each described with its range and default. */
export const hyperparameterFields = Object.fromEntries(
  hyperparameterNames.map((name) => {
    const rule: NumberRule | EnumRule = hyperparameterRules[name];
    const doc = `${upperFirst(rule.doc)}${rule.kind === "enum" ? "" : `: ${rangeOf(rule)}`} (default: ${defaultOf(rule)}).`;
    const field =
      rule.kind === "enum"
        ? {
            type: "enum",
            schemaType: "LoraTargetModules",
            typeDoc: `${upperFirst(rule.doc)}.`,
            values: rule.values,
            constants: LoraTargetModules,
            wire: rule.wire,
            doc,
          }
        : { type: rule.kind, min: rule.min, max: rule.max, wire: rule.wire, doc };
    return [name, field];
  }),
) as unknown as {
  [K in HyperparameterName]: HyperparameterField<(typeof hyperparameterRules)[K]>;
} satisfies FieldTable;

function rangeOf(rule: NumberRule | EnumRule): string {
  if (rule.kind === "enum") return rule.values.map((value) => `\`${value}\``).join(", ");
  return rule.max === undefined
    ? `${rule.kind === "integer" ? "whole number" : "number"} ≥ ${rule.min}`
    : `${rule.min}–${rule.max}`;
}

function defaultOf(rule: NumberRule | EnumRule): string {
  return rule.kind !== "enum" && rule.default !== undefined ? String(rule.default) : "Cohere's";
}

/** A row of the README's hyperparameter table: `name`, range, default, meaning. */
export function hyperparameterTableRow(name: HyperparameterName): string {
  const rule: NumberRule | EnumRule = hyperparameterRules[name];
  return `| \`${name}\` | ${rangeOf(rule)} | ${defaultOf(rule)} | ${rule.doc} |`;
}
