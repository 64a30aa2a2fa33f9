/**
 * Figure 6: `up` of N FinetunedModels while about a quarter of Cohere requests fail (429 with Retry-After,
 * 503, or a cut connection, some of them after the server acted). Counts the runs needed and checks that
 * nothing was trained twice or left outside the state.
 */
import type { FaultConfig } from "../../emulator/index";
import { countCalls, countStatuses, type CallCounts } from "./apiCallCounts";
import { withBenchStack } from "./benchStack";
import { withEmulator } from "./emulatorSession";
import { resourcesOfType } from "./exportedState";
import { type Figure, lastLines } from "./figure";
import { FINETUNED_MODEL_TYPE, finetunedModelStack } from "./fleets";
import { LIFECYCLE_TRAINING_MS } from "./modelLifecycle";
import { reconcile, type ModelRef } from "./reconcile";
import { timed } from "./timed";

const MAX_RUNS = 2;
/** Independent draws per request: 1 − 0.96·0.9·0.9·0.97 ≈ 25 % of requests fail. */
export const SOAK_FAULTS: Partial<FaultConfig> = {
  rate_429: 0.1,
  rate_503: 0.1,
  drop_rate: 0.04,
  drop_after_processing_rate: 0.03,
  retry_after_seconds: 1,
  seed: 42,
};

export interface FaultSoak {
  models: number;
  faults: Partial<FaultConfig>;
  /** Whether an up completed within the allowed runs. */
  succeeded: boolean;
  runs: number;
  /** The message of each failed run, in order. */
  failedRuns: string[];
  ms: number;
  calls: CallCounts;
  /** Answers by HTTP status; 0 is a cut connection. */
  statuses: Record<string, number>;
  faultedShare: number;
  modelsInState: number;
  notReadyInState: number;
  modelsInService: number;
  duplicates: number;
  orphans: number;
  untrackedInService: string[];
  missingFromService: string[];
}

export function measureFaultSoak(models: number): Promise<Figure<FaultSoak>> {
  return withEmulator({ trainingMs: LIFECYCLE_TRAINING_MS }, ({ url, admin, datasetId }) =>
    withBenchStack(
      finetunedModelStack("bench-faults", models, { url, datasetId }),
      async ({ stack, exportState }) => {
        await admin.clearRequests();
        await admin.setFaults(SOAK_FAULTS);
        const failedRuns: string[] = [];
        const { ms } = await timed(async () => {
          while (failedRuns.length < MAX_RUNS) {
            try {
              await stack.up();
              return;
            } catch (error) {
              failedRuns.push(lastLines((error as Error).message));
            }
          }
        });
        await admin.setFaults({});
        const requests = await admin.requests();
        const resources = resourcesOfType(await exportState(), FINETUNED_MODEL_TYPE);
        const inState: ModelRef[] = resources.map((resource) => ({
          id: resource.id ?? "",
          name: String(resource.outputs?.name ?? ""),
        }));
        const inService = (await admin.models()).map((model) => ({
          id: String(model.id),
          name: String(model.name),
        }));
        const statuses = countStatuses(requests);
        const succeeded = failedRuns.length < MAX_RUNS;
        const data: FaultSoak = {
          models,
          faults: SOAK_FAULTS,
          succeeded,
          runs: succeeded ? failedRuns.length + 1 : failedRuns.length,
          failedRuns,
          ms,
          calls: countCalls(requests),
          statuses,
          faultedShare: faultedShare(statuses),
          modelsInState: inState.length,
          notReadyInState: resources.filter((resource) => resource.outputs?.status !== "STATUS_READY").length,
          modelsInService: inService.length,
          ...reconcile(inState, inService),
        };
        return {
          title: `6. Fault soak (${models} models, ~25 % of requests fail)`,
          data,
          rows: [
            ["up runs needed", succeeded ? String(data.runs) : `${data.runs}, all failed`],
            ["requests (faulted share)", `${data.calls.total} (${Math.round(data.faultedShare * 100)} %)`],
            ["models in state / in the service", `${data.modelsInState} / ${data.modelsInService}`],
            ["models in state not READY", String(data.notReadyInState)],
            ["duplicates", String(data.duplicates)],
            ["orphans", String(data.orphans)],
          ],
          violations: [
            ...(succeeded ? [] : [`up failed ${MAX_RUNS} times under faults`]),
            ...(data.duplicates > 0 ? [`${data.duplicates} duplicate models`] : []),
            ...(data.orphans > 0 ? [`${data.orphans} orphans`] : []),
          ],
        };
      },
    ),
  );
}

function faultedShare(statuses: Record<string, number>): number {
  const total = Object.values(statuses).reduce((sum, count) => sum + count, 0);
  const faulted = (statuses["0"] ?? 0) + (statuses["429"] ?? 0) + (statuses["503"] ?? 0);
  return total === 0 ? 0 : Math.round((faulted / total) * 1000) / 1000;
}
