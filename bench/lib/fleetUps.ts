/**
 * The `up`s the figures compare, each on a new stack of its project: N do-nothing resources (the floor), and N
 * FinetunedModels against a fresh emulator whose trainings take 200 ms unless told otherwise.
 */
import { modelsStackConfig, withEmulator } from "./benchEmulator";
import type { BenchProject } from "./benchProject";
import { measuredUpWithMessages, type UpMeasure } from "./measuredUp";

export const FLEET_TRAINING_MS = 200;
/** Conversations in the dataset the models train on: enough for several evaluations per training. */
export const FLEET_DATASET_EXAMPLES = 200;

export interface FleetUp {
  measure: UpMeasure;
  /** `pulumi stack export` afterwards, when asked for. */
  exportedState?: string;
  /** What the engine and the providers printed during the `up`. */
  messages: string[];
}

export interface FleetUpOptions {
  exportState?: boolean;
  /** More flags for `pulumi up`, e.g. `["--parallel", "64"]`. */
  flags?: string[];
}

export async function doNothingUp(
  project: BenchProject,
  stack: string,
  count: number,
  options: FleetUpOptions = {},
): Promise<FleetUp> {
  await project.newStack(stack, { config: { "bench:count": String(count) }, secrets: {} });
  return measuredWithState(project, options);
}

export function modelsUp(
  project: BenchProject,
  stack: string,
  count: number,
  options: FleetUpOptions & { trainingMs?: number } = {},
): Promise<FleetUp> {
  const trainingMs = options.trainingMs ?? FLEET_TRAINING_MS;
  return withEmulator({ trainingMs, validationMs: 0 }, async (emulator) => {
    const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
    await project.newStack(stack, modelsStackConfig(emulator, datasetId, count));
    return measuredWithState(project, options);
  });
}

async function measuredWithState(project: BenchProject, options: FleetUpOptions): Promise<FleetUp> {
  const { measure, messages } = await measuredUpWithMessages(project, { flags: options.flags });
  return {
    measure,
    messages,
    exportedState: options.exportState ? await project.project.exportState() : undefined,
  };
}

/** One unmeasured `up` of one resource per project, so no measured run pays for a cold start. */
export async function warmUp(projects: { floor: BenchProject; models: BenchProject }): Promise<void> {
  await doNothingUp(projects.floor, "warm-up", 1);
  await modelsUp(projects.models, "warm-up", 1);
}

/** One of the `up`s compared, on the stack named; it exports the state when asked, if its figure needs it. */
export type Variant = (stack: string, options: { exportState: boolean }) => Promise<FleetUp>;

export interface Comparison<K extends string> {
  repetitions: Array<Record<K, UpMeasure>>;
  /** `pulumi stack export` after the first repetition's `up` of each variant that exported it. */
  exportedStates: Partial<Record<K, string>>;
}

/** Floor, models, floor, models, …: so no variant always runs first, or on a machine busier at the start. */
export async function alternatingUps<K extends string>(
  variants: Record<K, Variant>,
  stackPrefix: string,
  repetitions: number,
  log: (message: string) => void,
): Promise<Comparison<K>> {
  const names = Object.keys(variants) as K[];
  const runs: Array<Record<K, UpMeasure>> = [];
  const exportedStates: Partial<Record<K, string>> = {};
  for (let repetition = 1; repetition <= repetitions; repetition++) {
    const run = {} as Record<K, UpMeasure>;
    for (const name of names) {
      const up = await variants[name](`${stackPrefix}-${name}-${repetition}`, {
        exportState: repetition === 1,
      });
      run[name] = up.measure;
      if (up.exportedState !== undefined) exportedStates[name] = up.exportedState;
    }
    runs.push(run);
    log(`${stackPrefix}, run ${repetition}: ${names.map((name) => `${name} ${run[name].ms} ms`).join(", ")}`);
  }
  return { repetitions: runs, exportedStates };
}
