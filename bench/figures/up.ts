/**
 * `up`: `pulumi up` of 50, 200 and 500 FinetunedModels against its floor, the same number of do-nothing dynamic
 * resources, in alternating order; and of as many FinetunedModels whose trainings take no time, which leaves the
 * provider's own cost without the wait for Cohere. With what each model adds in wall and CPU time.
 */
import type { FigureContext } from "../figure";
import { FAST_PROVIDER_ENV, withBenchProject } from "../lib/benchProject";
import {
  alternatingUps,
  doNothingUp,
  FLEET_DATASET_EXAMPLES,
  FLEET_TRAINING_MS,
  modelsUp,
  warmUp,
} from "../lib/fleetUps";
import type { UpMeasure } from "../lib/measuredUp";
import {
  DO_NOTHING_TYPE,
  FINETUNED_MODEL_TYPE,
  resourceState,
  type ResourceState,
} from "../lib/resourceState";
import { median, round, spread, type Spread } from "../lib/statistics";

export const UP_SIZES = [50, 200, 500];
export const UP_VARIANTS = ["floor", "models", "instantModels"] as const;
export type UpVariant = (typeof UP_VARIANTS)[number];

/** Per resource, from the medians: what a FinetunedModel costs beyond a do-nothing resource. */
export interface ExtraPerResource {
  wallMs: number;
  /** `pulumi`'s processes other than the program and the provider: the engine and the language host. */
  engineCpuMs: number;
  providerCpuMs: number;
  programCpuMs: number;
  /** The bench's own process: the emulator (Cohere's side, not the user's machine) and reading `pulumi`'s output. */
  benchCpuMs: number;
}

export interface UpAtSize {
  resources: number;
  repetitions: Array<Record<UpVariant, UpMeasure>>;
  ms: Record<UpVariant, Spread>;
  /** Median models `up` over median floor `up`. */
  ratio: number;
  /** The same for the models whose trainings take no time. */
  instantRatio: number;
  extraPerResource: ExtraPerResource;
  /** After the first repetition's `up`s. */
  state: { floor: ResourceState; models: ResourceState };
}

export interface UpData {
  trainingMs: number;
  datasetExamples: number;
  providerEnv: Record<string, string>;
  sizes: UpAtSize[];
}

export function measureUp({ repetitions, log }: FigureContext): Promise<UpData> {
  return withBenchProject("doNothing", {}, (floor) =>
    withBenchProject("finetunedModels", {}, async (models) => {
      await warmUp({ floor, models });
      const sizes: UpAtSize[] = [];
      for (const resources of UP_SIZES) {
        const comparison = await alternatingUps<UpVariant>(
          {
            floor: (stack, options) => doNothingUp(floor, stack, resources, options),
            models: (stack, options) => modelsUp(models, stack, resources, options),
            instantModels: (stack, options) =>
              modelsUp(models, stack, resources, { ...options, trainingMs: 0 }),
          },
          `up-${resources}`,
          repetitions,
          log,
        );
        const state = {
          floor: resourceState(comparison.exportedStates.floor!, DO_NOTHING_TYPE),
          models: resourceState(comparison.exportedStates.models!, FINETUNED_MODEL_TYPE),
        };
        sizes.push(summarize(resources, comparison.repetitions, state));
      }
      return {
        trainingMs: FLEET_TRAINING_MS,
        datasetExamples: FLEET_DATASET_EXAMPLES,
        providerEnv: FAST_PROVIDER_ENV,
        sizes,
      };
    }),
  );
}

function summarize(
  resources: number,
  repetitions: Array<Record<UpVariant, UpMeasure>>,
  state: UpAtSize["state"],
): UpAtSize {
  const ms = Object.fromEntries(
    UP_VARIANTS.map((variant) => [variant, spread(repetitions.map((run) => run[variant].ms))]),
  ) as Record<UpVariant, Spread>;
  const extra = (of: (measure: UpMeasure) => number) =>
    round(
      (median(repetitions.map((run) => of(run.models))) - median(repetitions.map((run) => of(run.floor)))) /
        resources,
      1,
    );
  return {
    resources,
    repetitions,
    ms,
    ratio: round(ms.models.median / ms.floor.median, 2),
    instantRatio: round(ms.instantModels.median / ms.floor.median, 2),
    extraPerResource: {
      wallMs: extra((measure) => measure.ms),
      engineCpuMs: extra((measure) => measure.pulumiCpuMs - measure.provider.cpuMs - measure.program.cpuMs),
      providerCpuMs: extra((measure) => measure.provider.cpuMs),
      programCpuMs: extra((measure) => measure.program.cpuMs),
      benchCpuMs: extra((measure) => measure.benchCpuMs),
    },
    state,
  };
}
