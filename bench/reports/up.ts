/** The `up` figure's rows; targets from issues 13 and 15. */
import { checked, type FigureReport, type Row } from "../figure";
import type { UpAtSize, UpData } from "../figures/up";
import { bytes, seconds, times } from "../lib/units";
import type { Spread } from "../lib/statistics";

const RATIO_AT_SMALLEST = 1.2;
const RATIO_AT_EACH = 1.3;
const RATIO_GROWTH = 0.2;
const STATE_BYTES_PER_MODEL = 4096;

export function upReport(data: UpData): FigureReport {
  const [smallest, largest] = [data.sizes[0], data.sizes[data.sizes.length - 1]];
  const growth = largest.ratio - smallest.ratio;
  const largestState = Math.max(...data.sizes.map((size) => size.state.models.resourceBytes.max));
  const floorState = Math.max(...data.sizes.map((size) => size.state.floor.resourceBytes.max));
  return {
    title: `up: pulumi up of FinetunedModels (trainings of ${data.trainingMs} ms) over as many do-nothing resources`,
    rows: [
      ...data.sizes.flatMap((size) => sizeRows(size, size === smallest ? RATIO_AT_SMALLEST : RATIO_AT_EACH)),
      checked(
        `ratio at ${largest.resources} minus ratio at ${smallest.resources}`,
        growth.toFixed(2),
        `≤ ${RATIO_GROWTH}`,
        growth <= RATIO_GROWTH,
      ),
      checked(
        "state per model resource (compact JSON, largest)",
        bytes(largestState),
        `≤ ${bytes(STATE_BYTES_PER_MODEL)}`,
        largestState <= STATE_BYTES_PER_MODEL,
      ),
      { measure: "state per do-nothing resource (compact JSON, largest)", value: bytes(floorState) },
      {
        measure: "__provider per resource (stored twice): FinetunedModel; do-nothing",
        value: `${bytes(smallest.state.models.providerBytes)}; ${bytes(smallest.state.floor.providerBytes)}`,
      },
    ],
  };
}

function sizeRows(size: UpAtSize, ratioTarget: number): Row[] {
  const n = size.resources;
  const extra = size.extraPerResource;
  return [
    { measure: `${n} do-nothing resources, median (min–max)`, value: spreadOfSeconds(size.ms.floor) },
    { measure: `${n} FinetunedModels, median (min–max)`, value: spreadOfSeconds(size.ms.models) },
    checked(`ratio of medians at ${n}`, times(size.ratio), `≤ ${ratioTarget}×`, size.ratio <= ratioTarget),
    {
      measure: `${n} FinetunedModels whose trainings take no time, median (min–max); ratio`,
      value: `${spreadOfSeconds(size.ms.instantModels)}; ${times(size.instantRatio)}`,
    },
    {
      measure: `extra per model at ${n}: wall; CPU of engine, provider, program; CPU of the bench (emulator)`,
      value:
        `${extra.wallMs} ms; ${extra.engineCpuMs} ms, ${extra.providerCpuMs} ms, ${extra.programCpuMs} ms; ` +
        `${extra.benchCpuMs} ms`,
    },
  ];
}

function spreadOfSeconds({ median, min, max }: Spread): string {
  return `${seconds(median)} (${seconds(min)}–${seconds(max)})`;
}
