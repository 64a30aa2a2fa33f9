import { DatasetType } from "../wire/enums";

type Row = Record<string, unknown>;

/** What one fine-tuning dataset type requires of its rows (see the reference's per-type rules). */
export interface DatasetRules {
  /** Why a row is malformed, or undefined when it is fine. */
  checkRow(row: Row): string | undefined;
  /** Text the model trains on, for the trainable token estimate. */
  trainableText(row: Row): string;
  /** Counts the valid rows of the `data` file (before any eval split) as they are read. */
  tally(): RowTally;
}

export interface RowTally {
  add(row: Row): void;
  /** Why the rows added are not enough, or undefined. */
  problem(): string | undefined;
}

/** A tally that only needs the number of rows. */
function countAtLeast(minimum: number, what: string): () => RowTally {
  return () => {
    let count = 0;
    return {
      add: () => count++,
      problem: () => atLeast(count, minimum, what),
    };
  };
}

const CHAT_ROLES = ["System", "User", "Chatbot"];
const MIN_CHAT_EXAMPLES = 2;
const MIN_CLASSIFICATION_EXAMPLES = 40;
const MIN_EXAMPLES_PER_LABEL = 5;
const MIN_RERANK_EXAMPLES = 256;

const isNonEmptyString = (value: unknown): value is string =>
  typeof value === "string" && value.trim() !== "";
const isStringArray = (value: unknown): value is string[] =>
  Array.isArray(value) && value.every((item) => typeof item === "string");

function atLeast(count: number, minimum: number, what: string): string | undefined {
  return count >= minimum
    ? undefined
    : `not enough valid ${what}: at least ${minimum} required, found ${count}`;
}

const chat: DatasetRules = {
  checkRow(row) {
    const messages = row.messages;
    if (!Array.isArray(messages) || messages.length === 0) return "messages must be a non-empty array";
    for (const [index, message] of messages.entries()) {
      const { role, content } = (typeof message === "object" && message !== null ? message : {}) as Row;
      if (!CHAT_ROLES.includes(role as string)) {
        return `messages[${index}].role must be one of ${CHAT_ROLES.join(", ")}, got ${JSON.stringify(role ?? null)}`;
      }
      if (!isNonEmptyString(content)) return `messages[${index}].content must be a non-empty string`;
      if (role === "System" && index > 0) return `messages[${index}]: a System message may only come first`;
    }
    const roles = messages.map((message) => (message as Row).role);
    if (!roles.includes("User") || !roles.includes("Chatbot")) {
      return "a conversation needs at least one User and one Chatbot message";
    }
    return undefined;
  },
  trainableText: (row) => (row.messages as Row[]).map((message) => message.content as string).join(" "),
  tally: countAtLeast(MIN_CHAT_EXAMPLES, "conversations"),
};

function classification(multiLabel: boolean): DatasetRules {
  return {
    checkRow(row) {
      if (!isNonEmptyString(row.text)) return "text must be a non-empty string";
      if (multiLabel && !isStringArray(row.label)) return "label must be an array of strings (multi-label)";
      if (!multiLabel && !isNonEmptyString(row.label)) return "label must be a non-empty string";
      return undefined;
    },
    trainableText: (row) => row.text as string,
    tally() {
      let rows = 0;
      const counts = new Map<string, number>();
      return {
        add(row) {
          rows++;
          for (const label of ([] as string[]).concat(row.label as string | string[])) {
            counts.set(label, (counts.get(label) ?? 0) + 1);
          }
        },
        problem() {
          const tooFew = atLeast(rows, MIN_CLASSIFICATION_EXAMPLES, "examples");
          if (tooFew) return tooFew;
          const scarce = [...counts]
            .filter(([, count]) => count < MIN_EXAMPLES_PER_LABEL)
            .map(([label]) => label);
          return scarce.length === 0
            ? undefined
            : `each unique label must have at least ${MIN_EXAMPLES_PER_LABEL} examples. Not enough examples for: ${scarce.join(", ")}`;
        },
      };
    },
  };
}

const rerank: DatasetRules = {
  checkRow(row) {
    if (!isNonEmptyString(row.query)) return "query must be a non-empty string";
    if (!isStringArray(row.relevant_passages) || row.relevant_passages.length === 0) {
      return "relevant_passages must be a non-empty array of strings";
    }
    if (row.hard_negatives !== undefined && !isStringArray(row.hard_negatives)) {
      return "hard_negatives must be an array of strings";
    }
    return undefined;
  },
  trainableText: (row) =>
    [
      row.query as string,
      ...(row.relevant_passages as string[]),
      ...((row.hard_negatives as string[]) ?? []),
    ].join(" "),
  tally: countAtLeast(MIN_RERANK_EXAMPLES, "training examples"),
};

/** Rules for the fine-tuning types; other dataset types only need well-formed JSONL. */
export const FINETUNE_RULES: Partial<Record<DatasetType, DatasetRules>> = {
  [DatasetType.ChatFinetuneInput]: chat,
  [DatasetType.SingleLabelClassificationFinetuneInput]: classification(false),
  [DatasetType.MultiLabelClassificationFinetuneInput]: classification(true),
  [DatasetType.RerankerFinetuneInput]: rerank,
};
