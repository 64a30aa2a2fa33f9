/**
 * `parallel`: `pulumi up` of 16 FinetunedModels whose trainings take 8 s, at Pulumi's default `--parallel` (each
 * training holds one of its slots until READY, so they train in waves) and at `--parallel 64`, against the floor
 * of 16 do-nothing resources, in alternating order; with the warnings the preview and the `up` print at the default.
 */
import { availableParallelism } from "node:os";
import type { FigureContext } from "../figure";
import { modelsStackConfig, withEmulator } from "../lib/benchEmulator";
import { withBenchProject } from "../lib/benchProject";
import { alternatingUps, doNothingUp, FLEET_DATASET_EXAMPLES, modelsUp, warmUp } from "../lib/fleetUps";
import type { UpMeasure } from "../lib/measuredUp";
import { round, spread, type Spread } from "../lib/statistics";

export const PARALLEL_MODELS = 16;
export const PARALLEL_TRAINING_MS = 8000;
export const WIDE_PARALLEL = 64;
export const PARALLEL_VARIANTS = ["floor", "defaultParallel", "wideParallel"] as const;
export type ParallelVariant = (typeof PARALLEL_VARIANTS)[number];

/** What the warnings begin with: the preview's, from the slot count, and the `up`'s, once it sees them queuing. */
export const PREVIEW_WARNING = "this update starts";
export const UP_WARNING = "trainings are queuing";

export interface ParallelData {
  models: number;
  trainingMs: number;
  /** Pulumi's default `--parallel` here: 4 per CPU. */
  defaultParallel: number;
  wideParallel: number;
  repetitions: Array<Record<ParallelVariant, UpMeasure>>;
  ms: Record<ParallelVariant, Spread>;
  /** Median at the default over median at `--parallel 64`. */
  ratioDefaultToWide: number;
  /** Median at `--parallel 64` over one training's time plus the floor's median. */
  wideOverOneTraining: number;
  /** The line of the preview's output (default `--parallel`) holding its warning, if any. */
  previewWarning?: string;
  /** The line of the `up`'s output (default `--parallel`) holding its warning, if any. */
  upWarning?: string;
  /** Warnings of either kind printed by the `up`s at `--parallel 64` (there should be none). */
  wideWarnings: string[];
}

export function measureParallel({ repetitions, log }: FigureContext): Promise<ParallelData> {
  return withBenchProject("doNothing", {}, (floor) =>
    withBenchProject("finetunedModels", {}, async (models) => {
      await warmUp({ floor, models });
      const previewWarning = await withEmulator(
        { trainingMs: PARALLEL_TRAINING_MS, validationMs: 0 },
        async (emulator) => {
          const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
          await models.newStack("parallel-preview", modelsStackConfig(emulator, datasetId, PARALLEL_MODELS));
          return lineWith((await models.project.preview()).messages, PREVIEW_WARNING);
        },
      );
      log(`parallel, preview: ${previewWarning ?? "no warning"}`);
      const upWarnings: string[] = [];
      const wideWarnings: string[] = [];
      const comparison = await alternatingUps<ParallelVariant>(
        {
          floor: (stack, options) => doNothingUp(floor, stack, PARALLEL_MODELS, options),
          defaultParallel: async (stack, options) => {
            const up = await modelsUp(models, stack, PARALLEL_MODELS, {
              ...options,
              trainingMs: PARALLEL_TRAINING_MS,
            });
            const warning = lineWith(up.messages, UP_WARNING);
            if (warning !== undefined) upWarnings.push(warning);
            return up;
          },
          wideParallel: async (stack, options) => {
            const up = await modelsUp(models, stack, PARALLEL_MODELS, {
              ...options,
              trainingMs: PARALLEL_TRAINING_MS,
              flags: ["--parallel", String(WIDE_PARALLEL)],
            });
            wideWarnings.push(
              ...linesWith(up.messages, UP_WARNING),
              ...linesWith(up.messages, PREVIEW_WARNING),
            );
            return up;
          },
        },
        "parallel",
        repetitions,
        log,
      );
      const ms = Object.fromEntries(
        PARALLEL_VARIANTS.map((variant) => [
          variant,
          spread(comparison.repetitions.map((run) => run[variant].ms)),
        ]),
      ) as Record<ParallelVariant, Spread>;
      return {
        models: PARALLEL_MODELS,
        trainingMs: PARALLEL_TRAINING_MS,
        defaultParallel: 4 * availableParallelism(),
        wideParallel: WIDE_PARALLEL,
        repetitions: comparison.repetitions,
        ms,
        ratioDefaultToWide: round(ms.defaultParallel.median / ms.wideParallel.median, 2),
        wideOverOneTraining: round(ms.wideParallel.median / (PARALLEL_TRAINING_MS + ms.floor.median), 2),
        previewWarning,
        upWarning: upWarnings[0],
        wideWarnings,
      };
    }),
  );
}

function linesWith(messages: string[], text: string): string[] {
  return messages.flatMap((message) => message.split("\n")).filter((line) => line.includes(text));
}

function lineWith(messages: string[], text: string): string | undefined {
  return linesWith(messages, text)[0]?.trim();
}
