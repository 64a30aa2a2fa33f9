/**
 * `fleetPolling`: 50 models created together, waited for together through one ModelWatcher (as one provider process
 * waits for a fleet), on the emulator's clock over a 2 h training with the realistic phase split of `polling`;
 * against a lone model's wait built the same way, and against 50 independent waits (each with its own watcher, so
 * each GETs: the previous behaviour), in the same run.
 */
import { Status } from "../../provider/cohere/enums";
import type { WireFinetunedModel } from "../../provider/cohere/wireTypes";
import { trainingStatuses } from "../../provider/finetunedModel/diff";
import { ModelWatcher, type WatcherClock } from "../../provider/finetunedModel/modelWatcher";
import { trainingPollPlan, trainingPollTiming } from "../../provider/finetunedModel/trainingPollPlan";
import { timingFromEnv } from "../../provider/lifecycle/timing";
import { waitForStatus } from "../../provider/lifecycle/waitForStatus";
import type { RequestLogEntry } from "../../emulator/index";
import type { FigureContext } from "../figure";
import { withEmulator } from "../lib/benchEmulator";
import { countRequests, type RequestCounts, requestKind } from "../lib/requestKinds";
import { mean, round } from "../lib/statistics";
import type { VirtualClock } from "../lib/virtualClock";
import {
  PHASE_SPLITS,
  POLL_DATASET_EXAMPLES,
  POLL_TRAINING_MS,
  type PollSession,
  pollSession,
  WAIT_LIMIT_MS,
} from "./polling";

export const FLEET_POLLING_MODELS = 50;
const SPLIT = "realistic" as const;

export const FLEET_WAITS = ["fleet", "lone", "independent"] as const;
export type FleetWaitName = (typeof FLEET_WAITS)[number];

export interface FleetWaitResult {
  models: number;
  watchers: number;
  /** The requests of the waits (status reads, listings, metrics), by kind. */
  calls: RequestCounts;
  /** get + list + metrics. */
  readinessCalls: number;
  /** Per model: from its `completed_at` to the arrival of the first read (its GET, or a listing) after it. */
  noticeDelaysMs: number[];
  noticeDelayMs: { mean: number; max: number };
  /** Per model: from its `completed_at` to the end of its wait, on the emulator's clock. */
  waitEndedDelayMs: { mean: number; max: number };
}

export interface FleetPollingData {
  trainingMs: number;
  datasetExamples: number;
  trainingSteps: number;
  phaseSplit: typeof SPLIT;
  phasesMs: { queued: number; finetuning: number; deploying: number };
  waits: Record<FleetWaitName, FleetWaitResult>;
  /** Readiness calls of the fleet's waits over the lone model's. */
  ratio: number;
}

export async function measureFleetPolling({ log }: FigureContext): Promise<FleetPollingData> {
  const split = PHASE_SPLITS[SPLIT];
  return withEmulator({ trainingMs: POLL_TRAINING_MS, validationMs: 0, ...split }, async (emulator) => {
    const session = await pollSession(emulator);
    const waits = {} as Record<FleetWaitName, FleetWaitResult>;
    waits.fleet = await sharedWatcherWaits(session, FLEET_POLLING_MODELS, "fleet");
    log(`fleetPolling, fleet: ${waits.fleet.readinessCalls} calls (${describe(waits.fleet)})`);
    waits.lone = await sharedWatcherWaits(session, 1, "lone");
    log(`fleetPolling, lone: ${waits.lone.readinessCalls} calls (${describe(waits.lone)})`);
    waits.independent = await independentWaits(session, FLEET_POLLING_MODELS);
    log(
      `fleetPolling, independent: ${waits.independent.readinessCalls} calls (${describe(waits.independent)})`,
    );
    return {
      trainingMs: POLL_TRAINING_MS,
      datasetExamples: POLL_DATASET_EXAMPLES,
      trainingSteps: session.totalSteps,
      phaseSplit: SPLIT,
      phasesMs: {
        queued: POLL_TRAINING_MS * split.queuedFraction,
        finetuning: POLL_TRAINING_MS * (1 - split.queuedFraction - split.deployingFraction),
        deploying: POLL_TRAINING_MS * split.deployingFraction,
      },
      waits,
      ratio: round(waits.fleet.readinessCalls / waits.lone.readinessCalls, 2),
    };
  });
}

function describe(result: FleetWaitResult): string {
  return `READY noticed late: mean ${result.noticeDelayMs.mean} ms, worst ${result.noticeDelayMs.max} ms`;
}

/**
 * The watcher's clock is the emulator's: a sleep yields once, so waits that register meanwhile abort it (as a new
 * wait interrupts the watcher's pause), and otherwise advances the emulator's clock by its length.
 */
function watcherClock(clock: VirtualClock): WatcherClock {
  return {
    now: clock.now,
    sleep: async (ms, signal) => {
      await new Promise((resolve) => setImmediate(resolve));
      if (!signal.aborted) await clock.sleep(ms);
    },
  };
}

interface Waited {
  model: WireFinetunedModel;
  /** The emulator's time when its wait ended. */
  endedAt: number;
}

async function createModels(
  session: PollSession,
  label: string,
  count: number,
): Promise<WireFinetunedModel[]> {
  return Promise.all(
    Array.from({ length: count }, (_, index) =>
      session.client.finetunedModels.create({
        name: `${label}-${index}`,
        settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: session.datasetId },
      }),
    ),
  );
}

/** `count` models created together, every wait through one watcher. */
async function sharedWatcherWaits(
  session: PollSession,
  count: number,
  label: string,
): Promise<FleetWaitResult> {
  const models = await createModels(session, label, count);
  await session.emulator.admin.clearRequests();
  const watcher = new ModelWatcher(session.client.finetunedModels, watcherClock(session.clock));
  const waited = await Promise.all(models.map((model) => waitThrough(session, watcher, model)));
  return summarize(waited, await session.emulator.admin.requests(), 1);
}

/**
 * The previous behaviour: each model's wait with its own watcher, so each GETs its own model. They share nothing,
 * so each is run alone on the clock, one after another, from its own create: what each costs side by side.
 */
async function independentWaits(session: PollSession, count: number): Promise<FleetWaitResult> {
  const waited: Waited[] = [];
  const requests: RequestLogEntry[] = [];
  for (let index = 0; index < count; index++) {
    const [model] = await createModels(session, `independent-${index}`, 1);
    await session.emulator.admin.clearRequests();
    const watcher = new ModelWatcher(session.client.finetunedModels, watcherClock(session.clock));
    waited.push(await waitThrough(session, watcher, model));
    requests.push(...(await session.emulator.admin.requests()));
  }
  return summarize(waited, requests, count);
}

/** One model's wait as settleTraining (provider/finetunedModel/training.ts) builds it, on the emulator's clock. */
async function waitThrough(
  session: PollSession,
  watcher: ModelWatcher,
  created: WireFinetunedModel,
): Promise<Waited> {
  const { client, clock, totalSteps } = session;
  const id = created.id!;
  const watch = watcher.watch(id, created.status);
  try {
    const outcome = await waitForStatus(
      created,
      {
        readAt: (dueAt, last) => watch.next(dueAt, last.status),
        nameOf: (item) => item.name,
        statusOf: (item) => item.status ?? Status.Unspecified,
        pendingStatuses: trainingStatuses,
      },
      {
        deadline: clock.now() + WAIT_LIMIT_MS,
        nextDelay: trainingPollPlan({
          timing: trainingPollTiming(timingFromEnv({})),
          totalSteps,
          readSteps: async () =>
            watch.mayReadEvaluations()
              ? ((await client.finetunedModels.listTrainingStepMetrics(id, { pageSize: 1000 }))
                  .step_metrics ?? [])
              : [],
          now: clock.now,
        }),
        report: () => {},
        now: clock.now,
      },
    );
    const model = outcome.item;
    if (outcome.kind !== "settled" || model.status !== Status.Ready || !model.completed_at) {
      throw new Error(`the wait for model ${id} ended ${outcome.kind} with it ${model.status}`);
    }
    return { model, endedAt: clock.now() };
  } finally {
    watch.stop();
  }
}

function summarize(waited: Waited[], requests: RequestLogEntry[], watchers: number): FleetWaitResult {
  const counts = countRequests(requests);
  const noticeDelaysMs = waited.map(({ model }) => noticeDelay(model, requests));
  const ended = waited.map(({ model, endedAt }) => endedAt - Date.parse(model.completed_at!));
  return {
    models: waited.length,
    watchers,
    calls: counts,
    readinessCalls: counts.get + counts.list + counts.metrics,
    noticeDelaysMs,
    noticeDelayMs: { mean: round(mean(noticeDelaysMs)), max: Math.max(...noticeDelaysMs) },
    waitEndedDelayMs: { mean: round(mean(ended)), max: Math.max(...ended) },
  };
}

/** From `completed_at` to the first read after it that saw the model: its own GET, or a listing of the account. */
function noticeDelay(model: WireFinetunedModel, requests: RequestLogEntry[]): number {
  const completedAt = Date.parse(model.completed_at!);
  const seenAt = requests
    .filter((request) => {
      const kind = requestKind(request);
      return kind === "list" || (kind === "get" && request.path.endsWith(`/${model.id}`));
    })
    .map((request) => Date.parse(request.time))
    .filter((time) => time >= completedAt);
  if (seenAt.length === 0)
    throw new Error(`no read of model ${model.id} after its completed_at ${model.completed_at}`);
  // The log is in the order requests completed, not arrived.
  return Math.min(...seenAt) - completedAt;
}
