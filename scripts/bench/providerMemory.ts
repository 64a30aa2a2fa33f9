/** Figure 5: peak memory of the dynamic-provider plugin process during `up` of N FinetunedModels (and N no-ops). */
import { type BenchStackOptions, withBenchStack } from "./benchStack";
import { withEmulator } from "./emulatorSession";
import { round } from "./exportedState";
import { type Figure, mib } from "./figure";
import { emulatorConfig, FAST_PROVIDER_ENV, finetunedModelFleet, noopFleet } from "./fleets";
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

export interface ProviderMemory {
  models: number;
  sampleIntervalMs: number;
  finetunedModels: UpMemory;
  noopResources: UpMemory;
  /** FinetunedModel provider peak over do-nothing provider peak. */
  ratio: number;
}

export async function measureProviderMemory(models: number): Promise<Figure<ProviderMemory>> {
  const finetunedModels = await withEmulator({ trainingMs: LIFECYCLE_TRAINING_MS }, ({ url, datasetId }) =>
    upWithSampler({
      projectName: "bench-memory",
      program: finetunedModelFleet(models, datasetId),
      config: emulatorConfig(url),
      env: FAST_PROVIDER_ENV,
    }),
  );
  const noopResources = await upWithSampler({ projectName: "bench-memory-noop", program: noopFleet(models) });
  const data: ProviderMemory = {
    models,
    sampleIntervalMs: SAMPLE_INTERVAL_MS,
    finetunedModels,
    noopResources,
    ratio: round(finetunedModels.peakKiB / noopResources.peakKiB, 2),
  };
  return {
    title: `5. Peak memory of the dynamic-provider process (${models} resources)`,
    data,
    rows: [
      [`FinetunedModels (${finetunedModels.processes} process)`, mib(finetunedModels.peakKiB)],
      [`do-nothing resources (${noopResources.processes} process)`, mib(noopResources.peakKiB)],
      ["ratio", `${data.ratio}×`],
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
