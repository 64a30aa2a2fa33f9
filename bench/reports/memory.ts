/** The `memory` figure's rows; the target at 100 models from issue 13, the 500 models reported (issue 15). */
import { checked, type FigureReport, type Row } from "../figure";
import type { MemoryAtSize, MemoryData } from "../figures/memory";
import type { Spread } from "../lib/statistics";
import { mib, times } from "../lib/units";

const RATIO_TARGETS: Record<number, number> = { 100: 1.1 };

export function memoryReport(data: MemoryData): FigureReport {
  return {
    title: "memory: peak RSS of the dynamic-provider process during up, over as many do-nothing resources",
    rows: data.sizes.flatMap(sizeRows),
  };
}

function sizeRows(size: MemoryAtSize): Row[] {
  const n = size.resources;
  const target = RATIO_TARGETS[n];
  const ratio = `ratio of medians at ${n}`;
  return [
    { measure: `${n} do-nothing resources, median (min–max)`, value: spreadOfMib(size.floorPeakKiB) },
    { measure: `${n} FinetunedModels, median (min–max)`, value: spreadOfMib(size.modelsPeakKiB) },
    target === undefined
      ? { measure: ratio, value: times(size.ratio) }
      : checked(ratio, times(size.ratio), `≤ ${target}×`, size.ratio <= target),
  ];
}

function spreadOfMib({ median, min, max }: Spread): string {
  return `${mib(median)} (${mib(min)}–${mib(max)})`;
}
