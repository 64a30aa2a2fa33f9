/**
 * What Cohere requires of each example of a fine-tuning dataset when it validates an upload, per dataset type,
 * and the minimum numbers of examples: each problem is said with its fix, for a preview to report before upload.
 */
import { DatasetType } from "../cohere/enums";
import { countOf } from "../lifecycle/counts";

export type Example = Record<string, unknown>;

export interface RowRules {
  /** What is wrong with one example and how to fix it; undefined when Cohere accepts it. */
  problem(example: Example): string | undefined;
  /** Valid examples `dataFile` needs, counted before Cohere holds part of them out for evaluation. */
  minimumExamples: number;
  /** The labels an example counts towards, for classification's minimum per label. */
  labels?(example: Example): string[];
}

const minimumExamplesPerLabel = 5;

const cohereRoles = ["System", "User", "Chatbot"];
/** OpenAI's chat roles (matched in any case) and the Cohere role each stands for. */
const cohereRoleOf: Record<string, string> = { system: "System", user: "User", assistant: "Chatbot" };
const chatExample = '{"messages": [{"role": "User", "content": "…"}, {"role": "Chatbot", "content": "…"}]}';

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === "string" && value.trim() !== "";
const isStringList = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

function chatProblem(example: Example): string | undefined {
  const { messages } = example;
  if (!Array.isArray(messages) || messages.length === 0) {
    return `messages must be a non-empty list of {role, content}: one conversation a line, as ${chatExample}`;
  }
  for (const [index, message] of messages.entries()) {
    const { role, content } = (message !== null && typeof message === "object" ? message : {}) as Example;
    if (typeof role !== "string" || !cohereRoles.includes(role)) return roleProblem(index, role);
    if (role === "System" && index > 0) {
      return `messages[${index}] is a System message: it may only be the first message of a conversation`;
    }
    if (!isNonEmptyString(content)) return `messages[${index}].content must be non-empty text`;
  }
  const roles = messages.map((message) => (message as Example).role);
  if (!roles.includes("User") || !roles.includes("Chatbot")) {
    return "a conversation needs at least one User message and one Chatbot message";
  }
  return undefined;
}

function roleProblem(index: number, role: unknown): string {
  const roles = `Cohere's roles are ${cohereRoles.join(", ")}`;
  if (typeof role !== "string") return `messages[${index}].role is missing: ${roles}`;
  const counterpart = cohereRoleOf[role.toLowerCase()];
  if (counterpart) {
    return (
      `messages[${index}].role is "${role}": ${roles}, so write "${counterpart}" ` +
      "(OpenAI's chat format maps system to System, user to User, assistant to Chatbot)"
    );
  }
  return `messages[${index}].role is "${role}": ${roles}; a conversation holds only those`;
}

function classificationRules(manyLabels: boolean): RowRules {
  return {
    problem(example) {
      if (!isNonEmptyString(example.text)) return "text must be non-empty text: the example to classify";
      const { label } = example;
      if (manyLabels && !isStringList(label)) {
        return typeof label === "string"
          ? `label must be a list of strings in a multi-label dataset: write ${JSON.stringify([label])}`
          : "label must be a list of strings in a multi-label dataset";
      }
      if (!manyLabels && !isNonEmptyString(label)) {
        return Array.isArray(label)
          ? `label must be one string in a single-label dataset: a list of labels needs type ${DatasetType.MultiLabelClassificationFinetuneInput}`
          : "label must be a non-empty string";
      }
      return undefined;
    },
    minimumExamples: 40,
    labels: (example) => ([] as string[]).concat(example.label as string | string[]),
  };
}

const rerankRules: RowRules = {
  problem(example) {
    if (!isNonEmptyString(example.query)) return "query must be non-empty text";
    const { relevant_passages: relevant, hard_negatives: negatives } = example;
    if (!isStringList(relevant) || relevant.length === 0) {
      return "relevant_passages must be a non-empty list of strings: the passages that answer the query";
    }
    if (negatives !== undefined && !isStringList(negatives)) {
      return "hard_negatives must be a list of strings (or left out)";
    }
    return undefined;
  },
  minimumExamples: 256,
};

export const rowRules: Record<DatasetType, RowRules> = {
  [DatasetType.ChatFinetuneInput]: { problem: chatProblem, minimumExamples: 2 },
  [DatasetType.SingleLabelClassificationFinetuneInput]: classificationRules(false),
  [DatasetType.MultiLabelClassificationFinetuneInput]: classificationRules(true),
  [DatasetType.RerankerFinetuneInput]: rerankRules,
};

/** Counts the valid examples of `dataFile` as they are read, and says which of Cohere's minimums they miss. */
export class ExampleCount {
  private examples = 0;
  private readonly perLabel = new Map<string, number>();

  constructor(private readonly rules: RowRules) {}

  add(example: Example): void {
    this.examples++;
    for (const label of this.rules.labels?.(example) ?? []) {
      this.perLabel.set(label, (this.perLabel.get(label) ?? 0) + 1);
    }
  }

  shortfall(): string | undefined {
    const { minimumExamples } = this.rules;
    if (this.examples < minimumExamples) {
      const found = countOf(this.examples, "valid example");
      return `has ${found}, and Cohere needs at least ${minimumExamples}: add examples`;
    }
    const scarce = [...this.perLabel].filter(([, count]) => count < minimumExamplesPerLabel);
    if (scarce.length === 0) return undefined;
    const listed = scarce.map(([label, count]) => `${JSON.stringify(label)} (${count})`).join(", ");
    return (
      `has too few examples of ${scarce.length === 1 ? "label" : "labels"} ${listed}: Cohere needs at least ` +
      `${minimumExamplesPerLabel} of each label; add examples, or merge a rare label into another`
    );
  }
}
