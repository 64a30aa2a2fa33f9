/** Figure 2: Cohere API calls per operation and per model, from the emulator's request log. */
import { type CallCounts, countCalls } from "./apiCallCounts";
import { type CreateLookups, measureCreateLookups } from "./createLookups";
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
  /** One create in an account that already holds other models. */
  createInBusyAccount: CreateLookups;
}

/** As many unrelated models as Cohere's default page holds four times over. */
const BUSY_ACCOUNT_MODELS = 200;

export async function measureApiCalls(lifecycle: LifecycleRun): Promise<Figure<ApiCalls>> {
  const { models } = lifecycle;
  const operations = Object.fromEntries(
    OPERATIONS.map((operation) => {
      const { requests, changes } = lifecycle.operations[operation];
      const calls = countCalls(requests);
      return [operation, { calls, perModel: round(calls.total / models, 2), changes }];
    }),
  ) as Record<Operation, OperationCalls>;
  const createInBusyAccount = await measureCreateLookups(BUSY_ACCOUNT_MODELS);
  const violations = (["previewNoop", "upNoop"] as const)
    .filter((operation) => operations[operation].calls.total > 0)
    .map(
      (operation) => `${operation} made ${operations[operation].calls.total} API calls; it must make none`,
    );
  return {
    title: `2. Cohere API calls (${models} models)`,
    data: { models, operations, createInBusyAccount },
    rows: [
      ...OPERATIONS.map((operation): [string, string] => {
        const { calls, perModel } = operations[operation];
        return [operation, `${calls.total} (${perModel}/model)${breakdown(calls)}`];
      }),
      [
        `create of 1 model beside ${BUSY_ACCOUNT_MODELS} others`,
        `${createInBusyAccount.calls.total}${breakdown(createInBusyAccount.calls)}`,
      ],
    ],
    violations,
  };
}

function breakdown(calls: CallCounts): string {
  const parts = Object.entries(calls)
    .filter(([kind, count]) => kind !== "total" && count > 0)
    .map(([kind, count]) => `${count} ${kind}`);
  return parts.length > 0 ? `: ${parts.join(", ")}` : "";
}
