/** The `fleetPolling` figure's rows; targets from issue 20 (a fleet's waits cost about one's, READY within 30 s). */
import { checked, type FigureReport, type Row } from "../figure";
import { FLEET_WAITS, type FleetPollingData, type FleetWaitName } from "../figures/fleetPolling";
import { describeCounts } from "../lib/requestKinds";
import { seconds, times } from "../lib/units";

const RATIO = 2;
const MEAN_NOTICE_DELAY_MS = 30_000;

const WAIT_LABELS: Record<FleetWaitName, (models: number) => string> = {
  fleet: (models) => `${models} models, one watcher`,
  lone: () => "a lone model, one watcher",
  independent: (models) => `${models} independent waits, a watcher each (previous behaviour)`,
};

export function fleetPollingReport(data: FleetPollingData): FigureReport {
  const { fleet, lone } = data.waits;
  const minutes = (ms: number) => `${Math.round(ms / 60_000)} min`;
  return {
    title:
      `fleetPolling: readiness calls of ${fleet.models} models created together over a ` +
      `${data.trainingMs / 3_600_000} h training (${data.trainingSteps} steps), waited for through one watcher`,
    rows: [
      {
        measure: `${data.phaseSplit}: phases`,
        value:
          `queued ${minutes(data.phasesMs.queued)}, finetuning ${minutes(data.phasesMs.finetuning)}, ` +
          `deploying ${minutes(data.phasesMs.deploying)}`,
      },
      ...FLEET_WAITS.flatMap((name) => waitRows(data, name)),
      checked(
        `readiness calls of the ${fleet.models} models over the lone model's`,
        times(data.ratio),
        `≤ ${RATIO}×`,
        data.ratio <= RATIO,
      ),
      checked(
        `${fleet.models} models, one watcher: READY-notice delay, mean`,
        seconds(fleet.noticeDelayMs.mean),
        `≤ ${seconds(MEAN_NOTICE_DELAY_MS)}`,
        fleet.noticeDelayMs.mean <= MEAN_NOTICE_DELAY_MS,
      ),
      {
        measure: `${fleet.models} independent waits over the lone model's calls`,
        value: times(data.waits.independent.readinessCalls / lone.readinessCalls),
      },
    ],
  };
}

function waitRows(data: FleetPollingData, name: FleetWaitName): Row[] {
  const result = data.waits[name];
  const label = WAIT_LABELS[name](result.models);
  return [
    {
      measure: `${label}: readiness calls in all (per model)`,
      value:
        `${result.readinessCalls} (${+(result.readinessCalls / result.models).toFixed(2)}): ` +
        describeCounts(result.calls),
    },
    {
      measure: `${label}: READY noticed late, mean / worst (the wait ended: mean / worst)`,
      value:
        `${seconds(result.noticeDelayMs.mean)} / ${seconds(result.noticeDelayMs.max)} ` +
        `(${seconds(result.waitEndedDelayMs.mean)} / ${seconds(result.waitEndedDelayMs.max)})`,
    },
  ];
}
