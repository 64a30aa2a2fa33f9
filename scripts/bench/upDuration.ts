/**
 * Figure 1: `pulumi up` of N FinetunedModels against the emulator, from the source checkout and from the
 * installed package, versus N do-nothing dynamic resources.
 */
import { withBenchStack } from "./benchStack";
import { round } from "./exportedState";
import { type Figure, seconds } from "./figure";
import { FAST_PROVIDER_ENV, noopFleet } from "./fleets";
import { LAYOUT_LABELS, LAYOUTS, type LayoutName, perLayout } from "./layouts";
import { LIFECYCLE_TRAINING_MS, type LifecycleRun } from "./modelLifecycle";
import { timed } from "./timed";

export interface LayoutUp {
  ms: number;
  /** Over the do-nothing resources' up. */
  ratio: number;
}

export interface UpDuration {
  models: number;
  trainingMs: number;
  pollInitialMs: number;
  pollMaxMs: number;
  /** The up of N FinetunedModels, per layout. */
  finetunedModels: Record<LayoutName, LayoutUp>;
  noopResourcesMs: number;
  /** The installed package's up over the source checkout's. */
  installedOverSource: number;
}

export async function measureUpDuration(
  lifecycles: Record<LayoutName, LifecycleRun>,
): Promise<Figure<UpDuration>> {
  const models = lifecycles.sourceCheckout.models;
  const noop = await withBenchStack(
    { projectName: "bench-noop", program: noopFleet(models), env: FAST_PROVIDER_ENV },
    ({ stack }) => timed(() => stack.up()),
  );
  const finetunedModels = perLayout((layout): LayoutUp => {
    const { ms } = lifecycles[layout].operations.create;
    return { ms, ratio: round(ms / noop.ms, 2) };
  });
  const data: UpDuration = {
    models,
    trainingMs: LIFECYCLE_TRAINING_MS,
    pollInitialMs: Number(FAST_PROVIDER_ENV.COHERE_POLL_INITIAL_MS),
    pollMaxMs: Number(FAST_PROVIDER_ENV.COHERE_POLL_MAX_MS),
    finetunedModels,
    noopResourcesMs: noop.ms,
    installedOverSource: round(finetunedModels.installedPackage.ms / finetunedModels.sourceCheckout.ms, 2),
  };
  return {
    title: `1. pulumi up of ${models} resources (trainings of ${data.trainingMs} ms)`,
    data,
    rows: [
      ...LAYOUTS.map((layout): [string, string] => {
        const { ms, ratio } = finetunedModels[layout];
        return [`${models} FinetunedModels, ${LAYOUT_LABELS[layout]}`, `${seconds(ms)} (${ratio}×)`];
      }),
      [`${models} do-nothing dynamic resources`, `${seconds(noop.ms)} (1×)`],
      ["installed package over source checkout", `${data.installedOverSource}×`],
    ],
  };
}
