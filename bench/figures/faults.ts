/**
 * `faults`: `up` of 50 FinetunedModels while the emulator fails a large share of requests, once per seed: today's
 * faults (429 with Retry-After, 503, connections cut before processing) plus creates that were processed but
 * whose answer was lost (cut, or replaced by a 502) and models that stay invisible for a while after their create.
 * Afterwards, with faults off: duplicates and orphans, which must be 0.
 */
import type { FaultConfig, RequestLogEntry } from "../../emulator/index";
import { PulumiCommandError } from "../../scripts/lib/pulumiProject";
import type { FigureContext } from "../figure";
import { modelsStackConfig, withEmulator } from "../lib/benchEmulator";
import { type BenchProject, withBenchProject } from "../lib/benchProject";
import { FLEET_DATASET_EXAMPLES, FLEET_TRAINING_MS } from "../lib/fleetUps";
import { type ModelRef, reconcile, type Reconciliation } from "../../scripts/lib/reconcile";
import { requestKind } from "../lib/requestKinds";
import { round } from "../lib/statistics";

export const SOAK_MODELS = 50;
export const SOAK_SEEDS = [1, 2, 3];
/** Independent draws per request; about a third of all requests fail, an eighth of creates are processed but lost. */
export const SOAK_FAULTS: Partial<FaultConfig> = {
  rate_429: 0.08,
  rate_503: 0.08,
  drop_rate: 0.03,
  drop_after_processing_rate: 0.12,
  processed_then_502_rate: 0.12,
  retry_after_seconds: 1,
  visibility_delay_ms: 2000,
};
/** The same faults without the visibility delay, on the first seed: shows which failures that delay alone causes. */
export const CONTROL_FAULTS: Partial<FaultConfig> = { ...SOAK_FAULTS, visibility_delay_ms: 0 };
/** Longer than the visibility delay, so a lost create is found before it could be sent again. */
export const SOAK_PROVIDER_ENV = { COHERE_CREATE_VISIBILITY_MS: "6000" };
/**
 * One `up` must absorb the faults. When it does not, the bench runs it again, as a user would, until the whole fleet
 * exists, so that duplicates and orphans are still counted over every model's create.
 */
export const MAX_UPS = 10;

const FINETUNED_MODEL_TYPE = "pulumi-nodejs:dynamic/cohere:FinetunedModel";

export type RequestFault = RequestLogEntry["fault"];
const LOST_ANSWER_FAULTS: RequestFault[] = ["dropped_after_processing", "processed_then_502"];

export interface SeedRun extends Reconciliation {
  seed: number;
  ups: number;
  /** The end of each failed `up`'s output. */
  failedUps: string[];
  completed: boolean;
  requests: number;
  /** Requests by what the fault injector did to them (from the request log). */
  faults: Record<RequestFault, number>;
  faultedShare: number;
  creates: number;
  /** Creates the emulator processed but whose answer was cut or replaced by a 502. */
  lostCreates: number;
  modelsInState: number;
  notReadyInState: number;
  modelsInService: number;
}

export interface FaultsData {
  models: number;
  faults: Partial<FaultConfig>;
  providerEnv: Record<string, string>;
  seeds: SeedRun[];
  /** With CONTROL_FAULTS. */
  control: SeedRun;
}

export function measureFaults({ log }: FigureContext): Promise<FaultsData> {
  return withBenchProject("finetunedModels", SOAK_PROVIDER_ENV, async (project) => {
    const logged = (label: string, run: SeedRun) => {
      log(
        `faults, ${label}: ${run.ups} ups, ${run.lostCreates} lost creates, ${run.duplicates} duplicates, ${run.orphans} orphans`,
      );
      return run;
    };
    const seeds: SeedRun[] = [];
    for (const seed of SOAK_SEEDS)
      seeds.push(logged(`seed ${seed}`, await soak(project, "faults", { ...SOAK_FAULTS, seed })));
    const control = logged(
      "control",
      await soak(project, "control", { ...CONTROL_FAULTS, seed: SOAK_SEEDS[0] }),
    );
    return { models: SOAK_MODELS, faults: SOAK_FAULTS, providerEnv: SOAK_PROVIDER_ENV, seeds, control };
  });
}

function soak(
  { project, newStack }: BenchProject,
  stackPrefix: string,
  faults: Partial<FaultConfig> & { seed: number },
): Promise<SeedRun> {
  return withEmulator({ trainingMs: FLEET_TRAINING_MS, validationMs: 0 }, async ({ admin, ...emulator }) => {
    const datasetId = await admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
    await newStack(
      `${stackPrefix}-${faults.seed}`,
      modelsStackConfig({ admin, ...emulator }, datasetId, SOAK_MODELS),
    );
    await admin.clearRequests();
    await admin.setFaults(faults);
    const failedUps: string[] = [];
    let completed = false;
    while (!completed && failedUps.length < MAX_UPS) {
      try {
        await project.up();
        completed = true;
      } catch (error) {
        if (!(error instanceof PulumiCommandError)) throw error;
        failedUps.push(lastLines(error.message));
      }
    }
    await admin.setFaults({});
    // Models created under the visibility delay are listed only once it has passed.
    await admin.advanceClock(faults.visibility_delay_ms ?? 0);
    const requests = await admin.requests();
    const models = (
      (JSON.parse(await project.exportState()) as ExportedState).deployment.resources ?? []
    ).filter((resource) => resource.type === FINETUNED_MODEL_TYPE);
    const inState: ModelRef[] = models.map((model) => ({
      id: model.id ?? "",
      name: String(model.outputs?.name ?? ""),
    }));
    const inService = (await admin.models()).map((model) => ({ id: model.id, name: model.name }));
    const faulted = faultCounts(requests);
    const creates = requests.filter((request) => requestKind(request) === "create");
    return {
      seed: faults.seed,
      ups: failedUps.length + (completed ? 1 : 0),
      failedUps,
      completed,
      requests: requests.length,
      faults: faulted,
      faultedShare: round((requests.length - faulted.none) / requests.length, 3),
      creates: creates.length,
      lostCreates: creates.filter((request) => LOST_ANSWER_FAULTS.includes(request.fault)).length,
      modelsInState: models.length,
      notReadyInState: models.filter((model) => model.outputs?.status !== "STATUS_READY").length,
      modelsInService: inService.length,
      ...reconcile(inState, inService),
    };
  });
}

interface ExportedState {
  deployment: {
    resources?: Array<{ type: string; id?: string; outputs?: Record<string, unknown> }>;
  };
}

function faultCounts(requests: RequestLogEntry[]): Record<RequestFault, number> {
  const counts: Record<RequestFault, number> = {
    none: 0,
    status: 0,
    dropped: 0,
    dropped_after_processing: 0,
    processed_then_502: 0,
  };
  for (const { fault } of requests) counts[fault]++;
  return counts;
}

/** A failed `pulumi up` prints its whole output; its end says what went wrong. */
function lastLines(message: string, count = 12): string {
  return message.trim().split("\n").slice(-count).join("\n");
}
