/**
 * Figure 5: peak memory of the dynamic-provider plugin process during `up` of N FinetunedModels, from the source
 * checkout and from the installed package, and of N no-ops.
 */
import { type BenchStackOptions, withBenchStack } from "./benchStack";
import { withEmulator } from "./emulatorSession";
import { round } from "./exportedState";
import { type Figure, mib } from "./figure";
import { finetunedModelStack, noopFleet } from "./fleets";
import {
  forEachLayout,
  LAYOUT_LABELS,
  LAYOUTS,
  type LayoutName,
  perLayout,
  type ProviderLayout,
} from "./layouts";
import { LIFECYCLE_TRAINING_MS } from "./modelLifecycle";
import { startProviderMemorySampler } from "./providerProcesses";

const SAMPLE_INTERVAL_MS = 200;

export interface UpMemory {
  /** Provider processes seen during the up. */
  processes: number;
  /** The largest peak among them, KiB. */
  peakKiB: number;
  samples: number;
}

export type LayoutMemory = UpMemory & {
  /** This peak over the do-nothing provider's. */
  ratio: number;
};

export interface ProviderMemory {
  models: number;
  sampleIntervalMs: number;
  finetunedModels: Record<LayoutName, LayoutMemory>;
  noopResources: UpMemory;
}

export async function measureProviderMemory(
  models: number,
  layout: (name: LayoutName) => ProviderLayout,
): Promise<Figure<ProviderMemory>> {
  const peaks = await forEachLayout(layout, (providerLayout) =>
    withEmulator({ trainingMs: LIFECYCLE_TRAINING_MS }, (session) =>
      upWithSampler(finetunedModelStack("bench-memory", models, session, providerLayout)),
    ),
  );
  const noopResources = await upWithSampler({ projectName: "bench-memory-noop", program: noopFleet(models) });
  const finetunedModels = perLayout((name): LayoutMemory => ({
    ...peaks[name],
    ratio: round(peaks[name].peakKiB / noopResources.peakKiB, 2),
  }));
  return {
    title: `5. Peak memory of the dynamic-provider process (${models} resources)`,
    data: { models, sampleIntervalMs: SAMPLE_INTERVAL_MS, finetunedModels, noopResources },
    rows: [
      ...LAYOUTS.map((name): [string, string] => {
        const { processes, peakKiB, ratio } = finetunedModels[name];
        return [
          `FinetunedModels, ${LAYOUT_LABELS[name]} (${processes} process)`,
          `${mib(peakKiB)} (${ratio}×)`,
        ];
      }),
      [`do-nothing resources (${noopResources.processes} process)`, `${mib(noopResources.peakKiB)} (1×)`],
    ],
  };
}

async function upWithSampler(options: BenchStackOptions): Promise<UpMemory> {
  return withBenchStack(options, async ({ stack }) => {
    const sampler = startProviderMemorySampler(SAMPLE_INTERVAL_MS);
    const peaks = await stack.up().then(
      () => sampler.stop(),
      (error: unknown) => {
        sampler.stop();
        throw error;
      },
    );
    if (peaks.length === 0) throw new Error("no dynamic-provider process was seen during up");
    return {
      processes: peaks.length,
      peakKiB: Math.max(...peaks.map((peak) => peak.peakKiB)),
      samples: peaks.reduce((sum, peak) => sum + peak.samples, 0),
    };
  });
}
