/**
 * `calls`: Cohere API calls per operation on a stack of 50 FinetunedModels, and of one create in an account that
 * already holds many models, counted from the emulator's request log (cleared before each operation).
 */
import type { OperationResult } from "../../scripts/lib/pulumiProject";
import type { FigureContext } from "../figure";
import { type BenchEmulator, modelsStackConfig, withEmulator } from "../lib/benchEmulator";
import { type BenchProject, withBenchProject } from "../lib/benchProject";
import { FLEET_DATASET_EXAMPLES, FLEET_TRAINING_MS } from "../lib/fleetUps";
import { countRequests, type RequestCounts } from "../lib/requestKinds";
import { round } from "../lib/statistics";

export const CALLS_MODELS = 50;
/** A larger stack whose `refresh` alone is counted (its first `up` only builds it). */
export const LARGE_REFRESH_MODELS = 500;
export const OPERATIONS = ["create", "previewNoop", "upNoop", "refresh", "destroy"] as const;
export type Operation = (typeof OPERATIONS)[number];
export const ACCOUNT_SIZES = [200, 5000];
export const NAMINGS = ["generated", "explicit"] as const;

const DAY_MS = 24 * 3_600_000;
/** The account's models were created over the year before the create. */
const ACCOUNT_HISTORY_MS = 365 * DAY_MS;
/** The dataset the new model trains on was uploaded this long before the create. */
const DATASET_AGE_MS = DAY_MS;

export interface OperationCalls {
  calls: RequestCounts;
  perModel: number;
  /** The engine's summary, to show what the operation did. */
  changes: Record<string, number>;
}

export interface CreateInAccount {
  accountModels: number;
  naming: (typeof NAMINGS)[number];
  calls: RequestCounts;
}

export interface CallsData {
  models: number;
  trainingMs: number;
  operations: Record<Operation, OperationCalls>;
  datasetAgeMs: number;
  accountHistoryMs: number;
  createsInAccounts: CreateInAccount[];
  /** `refresh` (one pass: `pulumi refresh --yes --skip-preview`) of a stack of `LARGE_REFRESH_MODELS` models. */
  largeRefresh?: OperationCalls & { models: number };
}

/**
 * A lone create polls on the provider's own schedule (an empty value is unset): the status reads it makes are the
 * ones a user's create makes, not the bench's fast polling of 50 trainings.
 */
const PROVIDER_POLLING: Record<string, string> = {
  COHERE_POLL_INITIAL_MS: "",
  COHERE_POLL_MAX_MS: "",
  COHERE_RETRY_BASE_MS: "",
  COHERE_CREATE_LOOKUP_MS: "",
};

export async function measureCalls({ log }: FigureContext): Promise<CallsData> {
  const { operations, largeRefresh } = await withBenchProject("finetunedModels", {}, async (project) => ({
    operations: await lifecycleCalls(project),
    largeRefresh: await refreshCalls(project, LARGE_REFRESH_MODELS),
  }));
  log(`refresh of ${LARGE_REFRESH_MODELS} models: ${largeRefresh.calls.total} calls`);
  const createsInAccounts = await withBenchProject("finetunedModels", PROVIDER_POLLING, async (project) => {
    const creates: CreateInAccount[] = [];
    for (const accountModels of ACCOUNT_SIZES) {
      for (const naming of NAMINGS) {
        const calls = await createInAccount(project, accountModels, naming);
        log(`create beside ${accountModels} models, ${naming} name: ${calls.total} calls`);
        creates.push({ accountModels, naming, calls });
      }
    }
    return creates;
  });
  return {
    models: CALLS_MODELS,
    trainingMs: FLEET_TRAINING_MS,
    operations,
    datasetAgeMs: DATASET_AGE_MS,
    accountHistoryMs: ACCOUNT_HISTORY_MS,
    createsInAccounts,
    largeRefresh,
  };
}

function lifecycleCalls({ project, newStack }: BenchProject): Promise<Record<Operation, OperationCalls>> {
  return withEmulator({ trainingMs: FLEET_TRAINING_MS, validationMs: 0 }, async (emulator) => {
    const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
    await newStack("calls", modelsStackConfig(emulator, datasetId, CALLS_MODELS));
    const counted = async (operation: () => Promise<OperationResult>): Promise<OperationCalls> => {
      await emulator.admin.clearRequests();
      const { changes } = await operation();
      const calls = countRequests(await emulator.admin.requests());
      return { calls, perModel: round(calls.total / CALLS_MODELS, 2), changes };
    };
    return {
      create: await counted(() => project.up()),
      previewNoop: await counted(() => project.preview({ expectNoChanges: true })),
      upNoop: await counted(() => project.up()),
      refresh: await counted(() => project.refresh()),
      destroy: await counted(() => project.destroy()),
    };
  });
}

/** A stack of `models` models built by an `up`, then its `refresh` counted. */
function refreshCalls(
  { project, newStack }: BenchProject,
  models: number,
): Promise<OperationCalls & { models: number }> {
  return withEmulator({ trainingMs: FLEET_TRAINING_MS, validationMs: 0 }, async (emulator) => {
    const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
    await newStack(`refresh-${models}`, modelsStackConfig(emulator, datasetId, models));
    await project.up();
    await emulator.admin.clearRequests();
    const { changes } = await project.refresh();
    const calls = countRequests(await emulator.admin.requests());
    return { models, calls, perModel: round(calls.total / models, 2), changes };
  });
}

function createInAccount(
  { project, newStack }: BenchProject,
  accountModels: number,
  naming: CreateInAccount["naming"],
): Promise<RequestCounts> {
  return withEmulator({ trainingMs: FLEET_TRAINING_MS, validationMs: 0 }, async (emulator: BenchEmulator) => {
    const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
    await emulator.admin.advanceClock(DATASET_AGE_MS);
    await emulator.admin.seedModels({
      count: accountModels,
      oldest_age_ms: ACCOUNT_HISTORY_MS,
      newest_age_ms: 0,
    });
    const extra: Record<string, string> = naming === "explicit" ? { "bench:namePrefix": "explicit" } : {};
    await newStack(`account-${accountModels}-${naming}`, modelsStackConfig(emulator, datasetId, 1, extra));
    await emulator.admin.clearRequests();
    await project.up();
    return countRequests(await emulator.admin.requests());
  });
}
