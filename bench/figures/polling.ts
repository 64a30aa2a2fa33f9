/**
 * `polling`: the provider's readiness wait over a simulated 2 h training, against the previous backoff schedule and
 * a fixed 30 s poller, on the emulator's clock (a sleep advances it), from 60 start times spread evenly over one
 * minute, the common period of the schedules compared, for two splits of the training into its phases.
 */
import { DEFAULT_DEPLOYING_FRACTION, DEFAULT_QUEUED_FRACTION } from "../../emulator/index";
import { CohereClient } from "../../provider/cohere/client";
import { trainingStatuses } from "../../provider/finetunedModel/diff";
import {
  totalTrainingSteps,
  trainingPollPlan,
  trainingPollTiming,
} from "../../provider/finetunedModel/trainingPollPlan";
import { backoff, type NextDelay, pollSchedule, waitForStatus } from "../../provider/lifecycle/waitForStatus";
import { timingFromEnv } from "../../provider/lifecycle/timing";
import type { WireFinetunedModel } from "../../provider/cohere/wireTypes";
import type { FigureContext } from "../figure";
import { type BenchEmulator, withEmulator } from "../lib/benchEmulator";
import { countRequests, requestKind } from "../lib/requestKinds";
import { mean, round, spread, type Spread } from "../lib/statistics";
import { emulatorClock, type VirtualClock } from "../lib/virtualClock";

export const POLL_TRAINING_MS = 2 * 3_600_000;
const MINUTE_MS = 60_000;
export const START_OFFSETS_MS = Array.from({ length: 60 }, (_, index) => index * 1000);
/** A dataset of a size Cohere trains on in about this time: its steps pace the provider's estimate. */
export const POLL_DATASET_EXAMPLES = 2000;
/** Readiness is waited for this long at most, as the provider does without customTimeouts. */
export const WAIT_LIMIT_MS = 24 * 3_600_000;

export const PHASE_SPLITS = {
  emulatorDefaults: {
    queuedFraction: DEFAULT_QUEUED_FRACTION,
    deployingFraction: DEFAULT_DEPLOYING_FRACTION,
  },
  realistic: {
    queuedFraction: (10 * MINUTE_MS) / POLL_TRAINING_MS,
    deployingFraction: (5 * MINUTE_MS) / POLL_TRAINING_MS,
  },
};
export type PhaseSplitName = keyof typeof PHASE_SPLITS;
export type PhaseSplit = (typeof PHASE_SPLITS)[PhaseSplitName];

export const POLLERS = ["provider", "previousSchedule", "fixed30s"] as const;
export type PollerName = (typeof POLLERS)[number];

export const TRAINING_PHASES = ["queued", "finetuning", "deploying", "ready"] as const;
export type TrainingPhase = (typeof TRAINING_PHASES)[number];

export interface PollRun {
  startOffsetMs: number;
  /** Reads of the model's status. */
  gets: number;
  /** The same reads by the phase the training was in when each arrived; the read that saw READY under `ready`. */
  getsByPhase: Record<TrainingPhase, number>;
  /** Reads of its training-step metrics. */
  metrics: number;
  /** From the emulator's `completed_at` to the arrival of the read that saw READY. */
  noticeDelayMs: number;
}

export interface PollerResult {
  runs: PollRun[];
  calls: Spread & { mean: number };
  meanGetsByPhase: Record<TrainingPhase, number>;
  meanMetrics: number;
  noticeDelayMs: { mean: number; max: number };
}

export interface PhaseSplitResult {
  name: PhaseSplitName;
  phasesMs: { queued: number; finetuning: number; deploying: number };
  pollers: Record<PollerName, PollerResult>;
  /** Start times at which the provider made more calls than the previous schedule. */
  startsWithMoreCallsThanPrevious: number[];
}

export interface PollingData {
  trainingMs: number;
  datasetExamples: number;
  trainingSteps: number;
  startOffsetsMs: number[];
  phaseSplits: PhaseSplitResult[];
}

export async function measurePolling({ log }: FigureContext): Promise<PollingData> {
  const phaseSplits: PhaseSplitResult[] = [];
  let trainingSteps = 0;
  for (const name of Object.keys(PHASE_SPLITS) as PhaseSplitName[]) {
    const split = PHASE_SPLITS[name];
    await withEmulator({ trainingMs: POLL_TRAINING_MS, validationMs: 0, ...split }, async (emulator) => {
      const session = await pollSession(emulator);
      trainingSteps = session.totalSteps;
      const pollers = {} as Record<PollerName, PollerResult>;
      for (const poller of POLLERS) {
        const runs: PollRun[] = [];
        for (const startOffsetMs of START_OFFSETS_MS)
          runs.push(await pollOnce(session, split, poller, startOffsetMs));
        pollers[poller] = summarize(runs);
        log(`polling, ${name}, ${poller}: ${pollers[poller].calls.mean} calls on average`);
      }
      phaseSplits.push({
        name,
        phasesMs: {
          queued: POLL_TRAINING_MS * split.queuedFraction,
          finetuning: POLL_TRAINING_MS * (1 - split.queuedFraction - split.deployingFraction),
          deploying: POLL_TRAINING_MS * split.deployingFraction,
        },
        pollers,
        startsWithMoreCallsThanPrevious: pollers.provider.runs
          .filter((run, index) => callsOf(run) > callsOf(pollers.previousSchedule.runs[index]))
          .map((run) => run.startOffsetMs),
      });
    });
  }
  return {
    trainingMs: POLL_TRAINING_MS,
    datasetExamples: POLL_DATASET_EXAMPLES,
    trainingSteps,
    startOffsetsMs: START_OFFSETS_MS,
    phaseSplits,
  };
}

export interface PollSession {
  emulator: BenchEmulator;
  client: CohereClient;
  clock: VirtualClock;
  datasetId: string;
  totalSteps: number;
}

export async function pollSession(emulator: BenchEmulator): Promise<PollSession> {
  const client = new CohereClient({ apiKey: emulator.apiKey, baseUrl: emulator.url });
  const datasetId = await emulator.admin.createChatDataset("bench-polling", POLL_DATASET_EXAMPLES);
  const dataset = await client.datasets.get(datasetId);
  const trainExamples = dataset.metrics?.finetune_dataset_metrics?.train_examples;
  if (!trainExamples) throw new Error(`dataset ${datasetId} reports no train_examples`);
  // The model is created without hyperparameters, so Cohere's defaults apply, as in the provider's own estimate.
  const totalSteps = totalTrainingSteps(trainExamples);
  return { emulator, client, clock: await emulatorClock(emulator.admin), datasetId, totalSteps };
}

/** The pause before each poll, as each poller decides it. */
function nextDelay(session: PollSession, poller: PollerName, id: string): NextDelay<WireFinetunedModel> {
  switch (poller) {
    case "provider":
      // As settleTraining (provider/finetunedModel/training.ts) builds it, with the emulator's clock for `now`.
      return trainingPollPlan({
        timing: trainingPollTiming(timingFromEnv({})),
        totalSteps: session.totalSteps,
        readSteps: async () =>
          (await session.client.finetunedModels.listTrainingStepMetrics(id, { pageSize: 1000 }))
            .step_metrics ?? [],
        now: session.clock.now,
      });
    case "previousSchedule":
      return backoff(pollSchedule(timingFromEnv({})), (model: WireFinetunedModel) => model.status ?? "");
    case "fixed30s":
      return () => 30_000;
  }
}

async function pollOnce(
  session: PollSession,
  split: PhaseSplit,
  poller: PollerName,
  startOffsetMs: number,
): Promise<PollRun> {
  const { client, clock, emulator } = session;
  const created = await client.finetunedModels.create({
    name: `${poller}-${startOffsetMs}`,
    settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: session.datasetId },
  });
  const id = created.id!;
  await clock.sleep(startOffsetMs);
  await emulator.admin.clearRequests();
  const outcome = await waitForStatus(
    created,
    {
      get: () => client.finetunedModels.get(id),
      nameOf: (model) => model.name,
      statusOf: (model) => model.status ?? "",
      pendingStatuses: trainingStatuses,
    },
    {
      deadline: clock.now() + WAIT_LIMIT_MS,
      nextDelay: nextDelay(session, poller, id),
      report: () => {},
      sleep: clock.sleep,
      now: clock.now,
    },
  );
  const model = outcome.item;
  if (outcome.kind !== "settled" || model.status !== "STATUS_READY" || !model.completed_at) {
    throw new Error(`the ${poller} poller ended ${outcome.kind} with model ${id} ${model.status}`);
  }
  const requests = await emulator.admin.requests();
  const counts = countRequests(requests);
  const reads = requests
    .filter((request) => requestKind(request) === "get")
    .map((read) => Date.parse(read.time));
  const createdAt = Date.parse(created.created_at!);
  const getsByPhase = Object.fromEntries(TRAINING_PHASES.map((phase) => [phase, 0])) as Record<
    TrainingPhase,
    number
  >;
  for (const readAt of reads) getsByPhase[phaseAt(split, readAt - createdAt)]++;
  return {
    startOffsetMs,
    gets: counts.get,
    getsByPhase,
    metrics: counts.metrics,
    noticeDelayMs: reads[reads.length - 1] - Date.parse(model.completed_at),
  };
}

export function phaseAt(split: PhaseSplit, sinceCreateMs: number): TrainingPhase {
  if (sinceCreateMs < POLL_TRAINING_MS * split.queuedFraction) return "queued";
  if (sinceCreateMs < POLL_TRAINING_MS * (1 - split.deployingFraction)) return "finetuning";
  return sinceCreateMs < POLL_TRAINING_MS ? "deploying" : "ready";
}

function callsOf(run: PollRun): number {
  return run.gets + run.metrics;
}

function summarize(runs: PollRun[]): PollerResult {
  const calls = runs.map(callsOf);
  const delays = runs.map((run) => run.noticeDelayMs);
  return {
    runs,
    calls: { ...spread(calls), mean: round(mean(calls), 1) },
    meanGetsByPhase: Object.fromEntries(
      TRAINING_PHASES.map((phase) => [phase, round(mean(runs.map((run) => run.getsByPhase[phase])), 1)]),
    ) as Record<TrainingPhase, number>,
    meanMetrics: round(mean(runs.map((run) => run.metrics)), 1),
    noticeDelayMs: { mean: round(mean(delays)), max: Math.max(...delays) },
  };
}
