/**
 * The two `up`s the figures compare, each on a new stack of its project: N do-nothing resources (the floor), and
 * N FinetunedModels against a fresh emulator whose trainings take 200 ms.
 */
import { modelsStackConfig, withEmulator } from "./benchEmulator";
import type { BenchProject } from "./benchProject";
import { measuredUp, type UpMeasure } from "./measuredUp";

export const FLEET_TRAINING_MS = 200;
/** Conversations in the dataset the models train on: enough for several evaluations per training. */
export const FLEET_DATASET_EXAMPLES = 200;

export interface FleetUp {
  measure: UpMeasure;
  /** `pulumi stack export` afterwards, when asked for. */
  exportedState?: string;
}

export async function doNothingUp(
  project: BenchProject,
  stack: string,
  count: number,
  options: { exportState?: boolean } = {},
): Promise<FleetUp> {
  await project.newStack(stack, { config: { "bench:count": String(count) }, secrets: {} });
  return measuredWithState(project, options);
}

export function modelsUp(
  project: BenchProject,
  stack: string,
  count: number,
  options: { exportState?: boolean } = {},
): Promise<FleetUp> {
  return withEmulator({ trainingMs: FLEET_TRAINING_MS, validationMs: 0 }, async (emulator) => {
    const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
    await project.newStack(stack, modelsStackConfig(emulator, datasetId, count));
    return measuredWithState(project, options);
  });
}

async function measuredWithState(
  project: BenchProject,
  options: { exportState?: boolean },
): Promise<FleetUp> {
  const measure = await measuredUp(project);
  return { measure, exportedState: options.exportState ? await project.project.exportState() : undefined };
}

/** One unmeasured `up` of one resource per project, so no measured run pays for a cold start. */
export async function warmUp(projects: { floor: BenchProject; models: BenchProject }): Promise<void> {
  await doNothingUp(projects.floor, "warm-up", 1);
  await modelsUp(projects.models, "warm-up", 1);
}

export interface FleetComparison {
  repetitions: Array<{ floor: UpMeasure; models: UpMeasure }>;
  /** `pulumi stack export` after the first repetition's `up`s. */
  exportedStates: { floor: string; models: string };
}

/** Floor, models, floor, models, …: so neither side always runs first, or on a machine busier at the start. */
export async function alternatingUps(
  projects: { floor: BenchProject; models: BenchProject },
  figure: string,
  resources: number,
  repetitions: number,
  log: (message: string) => void,
): Promise<FleetComparison> {
  const runs: FleetComparison["repetitions"] = [];
  const exportedStates = { floor: "", models: "" };
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    const stack = `${figure}-${resources}-${repetition}`;
    const exportState = repetition === 1;
    const floor = await doNothingUp(projects.floor, stack, resources, { exportState });
    const models = await modelsUp(projects.models, stack, resources, { exportState });
    if (exportState)
      Object.assign(exportedStates, { floor: floor.exportedState, models: models.exportedState });
    runs.push({ floor: floor.measure, models: models.measure });
    log(
      `${figure} ${resources}, run ${repetition}: floor ${floor.measure.ms} ms, models ${models.measure.ms} ms`,
    );
  }
  return { repetitions: runs, exportedStates };
}
