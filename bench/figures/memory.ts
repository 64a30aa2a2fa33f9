/**
 * `memory`: peak RSS of the dynamic-provider process (where every resource's provider runs) during an `up` of 100
 * and of 500 FinetunedModels, against the same number of do-nothing resources, in alternating order.
 */
import type { FigureContext } from "../figure";
import { withBenchProject } from "../lib/benchProject";
import { alternatingUps, doNothingUp, modelsUp, warmUp } from "../lib/fleetUps";
import { round, spread, type Spread } from "../lib/statistics";

export const MEMORY_SIZES = [100, 500];

export interface MemoryAtSize {
  resources: number;
  /** The provider process's peak RSS in each `up`, in run order. */
  repetitions: Array<{ floorPeakKiB: number; modelsPeakKiB: number }>;
  floorPeakKiB: Spread;
  modelsPeakKiB: Spread;
  /** Median models peak over median floor peak. */
  ratio: number;
}

export interface MemoryData {
  sizes: MemoryAtSize[];
}

export function measureMemory({ repetitions, log }: FigureContext): Promise<MemoryData> {
  return withBenchProject("doNothing", {}, (floor) =>
    withBenchProject("finetunedModels", {}, async (models) => {
      await warmUp({ floor, models });
      const sizes: MemoryAtSize[] = [];
      for (const resources of MEMORY_SIZES) {
        const comparison = await alternatingUps(
          {
            floor: (stack) => doNothingUp(floor, stack, resources),
            models: (stack) => modelsUp(models, stack, resources),
          },
          `memory-${resources}`,
          repetitions,
          log,
        );
        const peaks = comparison.repetitions.map((run) => ({
          floorPeakKiB: run.floor.provider.peakKiB,
          modelsPeakKiB: run.models.provider.peakKiB,
        }));
        const floorPeakKiB = spread(peaks.map((peak) => peak.floorPeakKiB));
        const modelsPeakKiB = spread(peaks.map((peak) => peak.modelsPeakKiB));
        sizes.push({
          resources,
          repetitions: peaks,
          floorPeakKiB,
          modelsPeakKiB,
          ratio: round(modelsPeakKiB.median / floorPeakKiB.median, 2),
        });
      }
      return { sizes };
    }),
  );
}
