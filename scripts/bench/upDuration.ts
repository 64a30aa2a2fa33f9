/** Figure 1: `pulumi up` of N FinetunedModels against the emulator versus N do-nothing dynamic resources. */
import { withBenchStack } from "./benchStack";
import { round } from "./exportedState";
import { type Figure, seconds } from "./figure";
import { FAST_PROVIDER_ENV, noopFleet } from "./fleets";
import { LIFECYCLE_TRAINING_MS, type LifecycleRun } from "./modelLifecycle";
import { timed } from "./timed";

export interface UpDuration {
  models: number;
  trainingMs: number;
  pollInitialMs: number;
  pollMaxMs: number;
  finetunedModelsMs: number;
  noopResourcesMs: number;
  /** FinetunedModels over do-nothing resources. */
  ratio: number;
}

export async function measureUpDuration(lifecycle: LifecycleRun): Promise<Figure<UpDuration>> {
  const models = lifecycle.models;
  const noop = await withBenchStack(
    { projectName: "bench-noop", program: noopFleet(models), env: FAST_PROVIDER_ENV },
    ({ stack }) => timed(() => stack.up()),
  );
  const finetunedModelsMs = lifecycle.operations.create.ms;
  const data: UpDuration = {
    models,
    trainingMs: LIFECYCLE_TRAINING_MS,
    pollInitialMs: Number(FAST_PROVIDER_ENV.COHERE_POLL_INITIAL_MS),
    pollMaxMs: Number(FAST_PROVIDER_ENV.COHERE_POLL_MAX_MS),
    finetunedModelsMs,
    noopResourcesMs: noop.ms,
    ratio: round(finetunedModelsMs / noop.ms, 2),
  };
  return {
    title: `1. pulumi up of ${models} resources`,
    data,
    rows: [
      [`${models} FinetunedModels (training ${data.trainingMs} ms)`, seconds(finetunedModelsMs)],
      [`${models} do-nothing dynamic resources`, seconds(noop.ms)],
      ["ratio", `${data.ratio}×`],
    ],
  };
}
