/**
 * One stack of N FinetunedModels taken through create, no-op preview, no-op up, refresh and destroy against
 * the emulator, recording each operation's duration, change summary and Cohere requests. Figures 1, 2 and 4
 * read from this run: figure 2 from the source checkout's, figures 1 and 4 from one per layout.
 */
import type { RequestLogEntry } from "../../emulator/index";
import { withBenchStack } from "./benchStack";
import { withEmulator } from "./emulatorSession";
import { finetunedModelStack } from "./fleets";
import { type LayoutName, type ProviderLayout, SOURCE_CHECKOUT } from "./layouts";
import { timed } from "./timed";

export const LIFECYCLE_TRAINING_MS = 200;
export const OPERATIONS = ["create", "previewNoop", "upNoop", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];

export interface OperationRecord {
  ms: number;
  changes: Record<string, number>;
  requests: RequestLogEntry[];
}

export interface LifecycleRun {
  models: number;
  /** Where the stack's FinetunedModel class came from. */
  layout: LayoutName;
  operations: Record<Operation, OperationRecord>;
  /** `pulumi stack export` after the refresh, while every model is in state. */
  exportedState: string;
}

export function runModelLifecycle(
  models: number,
  layout: ProviderLayout = SOURCE_CHECKOUT,
): Promise<LifecycleRun> {
  return withEmulator({ trainingMs: LIFECYCLE_TRAINING_MS }, ({ url, admin, datasetId }) =>
    withBenchStack(
      finetunedModelStack("bench-models", models, { url, datasetId }, layout),
      async ({ stack, exportState }) => {
        const record = async (
          operation: () => Promise<Record<string, number> | undefined>,
        ): Promise<OperationRecord> => {
          await admin.clearRequests();
          const { result, ms } = await timed(operation);
          return { ms, changes: result ?? {}, requests: await admin.requests() };
        };
        const create = await record(async () => (await stack.up()).summary.resourceChanges);
        const previewNoop = await record(async () => (await stack.preview()).changeSummary);
        const upNoop = await record(async () => (await stack.up()).summary.resourceChanges);
        const refresh = await record(async () => (await stack.refresh()).summary.resourceChanges);
        const exportedState = await exportState();
        const destroy = await record(async () => (await stack.destroy()).summary.resourceChanges);
        return {
          models,
          layout: layout.name,
          operations: { create, previewNoop, upNoop, refresh, destroy },
          exportedState,
        };
      },
    ),
  );
}
