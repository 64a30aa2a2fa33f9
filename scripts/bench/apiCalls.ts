/** Figure 2: Cohere API calls per operation and per model, from the emulator's request log. */
import { type CallCounts, countCalls } from "./apiCallCounts";
import { round } from "./exportedState";
import type { Figure } from "./figure";
import { type LifecycleRun, type Operation, OPERATIONS } from "./modelLifecycle";

export interface OperationCalls {
  calls: CallCounts;
  perModel: number;
  /** The engine's change summary, to show what the operation did. */
  changes: Record<string, number>;
}

export interface ApiCalls {
  models: number;
  operations: Record<Operation, OperationCalls>;
}

export function measureApiCalls(lifecycle: LifecycleRun): Figure<ApiCalls> {
  const { models } = lifecycle;
  const operations = Object.fromEntries(
    OPERATIONS.map((operation) => {
      const { requests, changes } = lifecycle.operations[operation];
      const calls = countCalls(requests);
      return [operation, { calls, perModel: round(calls.total / models, 2), changes }];
    }),
  ) as Record<Operation, OperationCalls>;
  return {
    title: `2. Cohere API calls (${models} models)`,
    data: { models, operations },
    rows: OPERATIONS.map((operation) => {
      const { calls, perModel } = operations[operation];
      return [operation, `${calls.total} (${perModel}/model)${breakdown(calls)}`];
    }),
  };
}

function breakdown(calls: CallCounts): string {
  const parts = Object.entries(calls)
    .filter(([kind, count]) => kind !== "total" && count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  return parts.length > 0 ? `: ${parts.join(", ")}` : "";
}
