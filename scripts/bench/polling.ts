/**
 * Figure 3: the provider's readiness poll over a simulated 2-hour training, on the emulator's clock, against a
 * fixed 30-second poller. Each poller also runs from later start phases, because a poller whose interval happens
 * to divide the training length exactly would otherwise look lucky.
 */
import { CohereClient } from "../../provider/cohere";
import {
  type PollSchedule,
  pollScheduleFromEnv,
  waitUntilReady,
} from "../../provider/lifecycle/waitUntilReady";
import { testApiKey } from "../../test/support/emulator";
import { countCalls } from "./apiCallCounts";
import { type EmulatorSession, withEmulator } from "./emulatorSession";
import { round } from "./exportedState";
import { type Figure, seconds } from "./figure";
import { emulatorClock } from "./virtualClock";

export const TRAINING_MS = 2 * 3_600_000;
/** The poller starts this long after the create, i.e. the training has 2 h minus this left. */
const START_PHASES_MS = [0, 7_500, 15_000, 22_500];
const FIXED_30S: PollSchedule = { initialMs: 30_000, maxMs: 30_000, factor: 1 };

export interface PollRun {
  startPhaseMs: number;
  /** Status reads after the first (the create's answer). */
  polls: number;
  /** GETs of the model in the emulator's request log, as a cross-check. */
  getRequests: number;
  /** From the emulator's completed_at to the poll that saw READY. */
  noticeDelayMs: number;
  /** Real time the poll loop took; the emulator's clock moved by it too, on top of the sleeps. */
  wallMs: number;
}

export interface PollerResult {
  schedule: PollSchedule;
  runs: PollRun[];
  meanNoticeDelayMs: number;
}

export interface Polling {
  trainingMs: number;
  provider: PollerResult;
  fixed30s: PollerResult;
  /** Provider polls over fixed-30s polls for the full 2 h. */
  pollRatio: number;
}

export function measurePolling(): Promise<Figure<Polling>> {
  return withEmulator({ trainingMs: TRAINING_MS }, async (session) => {
    const provider = await runPoller(session, pollScheduleFromEnv({}));
    const fixed30s = await runPoller(session, FIXED_30S);
    const data: Polling = {
      trainingMs: TRAINING_MS,
      provider,
      fixed30s,
      pollRatio: round(provider.runs[0].polls / fixed30s.runs[0].polls, 3),
    };
    const describe = (label: string, result: PollerResult): Array<[string, string]> => [
      [`${label}: polls over 2 h`, String(result.runs[0].polls)],
      [`${label}: READY noticed after (2 h exactly)`, seconds(result.runs[0].noticeDelayMs)],
      [`${label}: mean over ${START_PHASES_MS.length} start phases`, seconds(result.meanNoticeDelayMs)],
    ];
    return {
      title: "3. Readiness polling over a 2 h training (emulator clock)",
      data,
      rows: [
        ...describe(scheduleLabel(provider.schedule), provider),
        ...describe("fixed 30 s", fixed30s),
        ["poll ratio (provider / fixed 30 s)", `${data.pollRatio}×`],
      ],
    };
  });
}

async function runPoller(session: EmulatorSession, schedule: PollSchedule): Promise<PollerResult> {
  const runs: PollRun[] = [];
  for (const startPhaseMs of START_PHASES_MS) runs.push(await pollOnce(session, schedule, startPhaseMs));
  const meanNoticeDelayMs = Math.round(runs.reduce((sum, run) => sum + run.noticeDelayMs, 0) / runs.length);
  return { schedule, runs, meanNoticeDelayMs };
}

async function pollOnce(
  { url, admin, datasetId }: EmulatorSession,
  schedule: PollSchedule,
  startPhaseMs: number,
): Promise<PollRun> {
  const client = new CohereClient({ apiKey: testApiKey, baseUrl: url });
  const clock = await emulatorClock(url);
  const first = await client.finetunedModels.create({
    name: `poll-${schedule.initialMs}-${startPhaseMs}`,
    settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
  });
  const id = first.id!;
  await clock.sleep(startPhaseMs);
  await admin.clearRequests();
  const wallStarted = Date.now();
  const outcome = await waitUntilReady(first, {
    getModel: () => client.finetunedModels.get(id),
    deadline: clock.now() + 2 * TRAINING_MS,
    schedule,
    report: () => {},
    sleep: clock.sleep,
    now: clock.now,
  });
  const noticedAt = clock.now();
  const wallMs = Date.now() - wallStarted;
  if (outcome.kind !== "ready" || !outcome.model.completed_at) {
    throw new Error(`poller ended ${outcome.kind} with status ${outcome.model.status}`);
  }
  return {
    startPhaseMs,
    polls: outcome.polls,
    getRequests: countCalls(await admin.requests()).get,
    noticeDelayMs: Math.round(noticedAt - Date.parse(outcome.model.completed_at)),
    wallMs,
  };
}

function scheduleLabel({ initialMs, factor, maxMs, maxMsByStatus = {} }: PollSchedule): string {
  const tighter = Object.entries(maxMsByStatus).map(([status, ms]) => `, ${ms / 1000} s in ${status}`);
  return `provider (${initialMs / 1000} s ×${factor} to ${maxMs / 1000} s${tighter.join("")})`;
}
