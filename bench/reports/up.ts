/**
 * The `up` figure's rows; targets from issues 13 and 15. Per model at the smallest and largest sizes, what issue 20
 * asks to see against the floor: the provider's CPU, the state, and the wall ratio (reported, not a target).
 */
import { checked, type FigureReport, type Row } from "../figure";
import type { UpAtSize, UpData } from "../figures/up";
import { bytes, seconds, times } from "../lib/units";
import { median, round, type Spread } from "../lib/statistics";

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
      ...[...new Set([smallest, largest])].flatMap(perModelRows),
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

/** Issue 20's figures at one size, each against a do-nothing resource's. */
function perModelRows(size: UpAtSize): Row[] {
  const n = size.resources;
  const providerCpuMs = (variant: "floor" | "models") =>
    round(median(size.repetitions.map((run) => run[variant].provider.cpuMs)) / n, 1);
  const { models, floor } = size.state;
  return [
    {
      measure: `at ${n}: provider CPU per model, median (per do-nothing resource)`,
      value: `${providerCpuMs("models")} ms (${providerCpuMs("floor")} ms)`,
    },
    {
      measure: `at ${n}: state per model resource, mean / largest (per do-nothing resource)`,
      value:
        `${bytes(models.resourceBytes.mean)} / ${bytes(models.resourceBytes.max)} ` +
        `(${bytes(floor.resourceBytes.mean)} / ${bytes(floor.resourceBytes.max)})`,
    },
    { measure: `at ${n}: wall ratio over the floor (reported, not a target)`, value: times(size.ratio) },
  ];
}

function spreadOfSeconds({ median, min, max }: Spread): string {
  return `${seconds(median)} (${seconds(min)}–${seconds(max)})`;
}
