/** The `faults` figure's rows; the counts from issue 14 (lost creates per seed) and the soak's promise. */
import { checked, type FigureReport, type Row } from "../figure";
import type { FaultsData, SeedRun } from "../figures/faults";

const LOST_CREATES = 5;

export function faultsReport(data: FaultsData): FigureReport {
  return {
    title: `faults: up of ${data.models} FinetunedModels under injected faults, one run per seed`,
    rows: [
      {
        measure: "faults injected; the provider's settings",
        value: `${JSON.stringify(data.faults)}; ${JSON.stringify(data.providerEnv)}`,
      },
      ...data.seeds.flatMap((run) => seedRows(`seed ${run.seed}`, run)),
      ...seedRows(`control (seed ${data.control.seed}, no visibility delay)`, data.control),
    ],
  };
}

function seedRows(label: string, run: SeedRun): Row[] {
  const faulted = Object.entries(run.faults)
    .filter(([fault, count]) => fault !== "none" && count > 0)
    .map(([fault, count]) => `${count} ${fault}`)
    .join(", ");
  return [
    checked(
      `${label}: ups run`,
      run.completed ? String(run.ups) : `${run.ups}, none completed`,
      "1",
      run.completed && run.ups === 1,
    ),
    {
      measure: `${label}: requests faulted`,
      value: `${Math.round(run.faultedShare * 100)} % of ${run.requests}: ${faulted}`,
    },
    checked(
      `${label}: creates processed but whose answer was lost`,
      `${run.lostCreates} of ${run.creates} creates`,
      `≥ ${LOST_CREATES}`,
      run.lostCreates >= LOST_CREATES,
    ),
    checked(`${label}: duplicates`, String(run.duplicates), "0", run.duplicates === 0),
    checked(`${label}: orphans`, String(run.orphans), "0", run.orphans === 0),
    {
      measure: `${label}: models in state (not READY) / in the service`,
      value: `${run.modelsInState} (${run.notReadyInState}) / ${run.modelsInService}`,
    },
  ];
}
