/** The `parallel` figure's rows; the target from issue 20: enough slots train a fleet side by side. */
import { checked, type FigureReport } from "../figure";
import { type ParallelData, PREVIEW_WARNING, UP_WARNING } from "../figures/parallel";
import type { Spread } from "../lib/statistics";
import { seconds, times } from "../lib/units";

const WIDE_OVER_ONE_TRAINING = 1.2;

export function parallelReport(data: ParallelData): FigureReport {
  const n = data.models;
  const wide = `--parallel ${data.wideParallel}`;
  const brokenCounts = [
    ...(data.previewWarning === undefined
      ? [`the preview at the default --parallel printed no warning holding "${PREVIEW_WARNING}"`]
      : []),
    ...(data.upWarning === undefined
      ? [`no up at the default --parallel printed a warning holding "${UP_WARNING}"`]
      : []),
    ...data.wideWarnings.map((warning) => `an up at ${wide} warned: ${warning}`),
  ];
  return {
    title:
      `parallel: pulumi up of ${n} FinetunedModels (trainings of ${seconds(data.trainingMs)}) at the default ` +
      `--parallel (${data.defaultParallel}) and at ${wide}, over ${n} do-nothing resources`,
    rows: [
      { measure: `${n} do-nothing resources, median (min–max)`, value: spreadOfSeconds(data.ms.floor) },
      {
        measure: `${n} FinetunedModels at the default --parallel (${data.defaultParallel}), median (min–max)`,
        value: spreadOfSeconds(data.ms.defaultParallel),
      },
      {
        measure: `${n} FinetunedModels at ${wide}, median (min–max)`,
        value: spreadOfSeconds(data.ms.wideParallel),
      },
      { measure: `default --parallel over ${wide} (medians)`, value: times(data.ratioDefaultToWide) },
      checked(
        `${wide} over one training's time (${seconds(data.trainingMs)}) plus the floor (medians)`,
        times(data.wideOverOneTraining),
        `≤ ${WIDE_OVER_ONE_TRAINING}×`,
        data.wideOverOneTraining <= WIDE_OVER_ONE_TRAINING,
      ),
      { measure: "preview's warning at the default --parallel", value: data.previewWarning ?? "(none)" },
      { measure: "up's warning at the default --parallel", value: data.upWarning ?? "(none)" },
    ],
    brokenCounts,
  };
}

function spreadOfSeconds({ median, min, max }: Spread): string {
  return `${seconds(median)} (${seconds(min)}–${seconds(max)})`;
}
