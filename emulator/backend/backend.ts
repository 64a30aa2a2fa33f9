import { EmulatorClock } from "./clock";
import { DatasetStore, type DatasetRecord } from "./datasets";
import { FinetunedModelStore, type ModelRecord } from "./finetunedModels";
import type { PhaseSplit } from "./lifecycle";

export interface BackendOptions {
  trainingMs: number;
  phases: PhaseSplit;
  validationMs: number;
  /** Whether a training of the model with this name is to end STATUS_FAILED. */
  failsTraining(modelName: string): boolean;
  /** How long a model created now stays invisible to reads, as a create still committing would. */
  visibilityDelayMs(): number;
}

/** Everything that outlives a restart when a state file is configured. */
export interface BackendSnapshot {
  version: 1;
  clock_offset_ms: number;
  models: ModelRecord[];
  datasets: DatasetRecord[];
}

/** The emulated organisation: its datasets, its fine-tuned models and the clock they live on. */
export class Backend {
  readonly clock: EmulatorClock;
  readonly datasets: DatasetStore;
  readonly models: FinetunedModelStore;

  constructor(options: BackendOptions, snapshot?: BackendSnapshot) {
    this.clock = new EmulatorClock(snapshot?.clock_offset_ms ?? 0);
    this.datasets = new DatasetStore(this.clock, options.validationMs);
    this.models = new FinetunedModelStore(this.clock, this.datasets, {
      trainingMs: options.trainingMs,
      phases: options.phases,
      fails: (name) => options.failsTraining(name),
      visibilityDelayMs: () => options.visibilityDelayMs(),
    });
    if (snapshot) {
      this.datasets.restore(snapshot.datasets);
      this.models.restore(snapshot.models);
    }
  }

  snapshot(): BackendSnapshot {
    return {
      version: 1,
      clock_offset_ms: this.clock.offset,
      models: this.models.snapshot(),
      datasets: this.datasets.snapshot(),
    };
  }

  reset(): void {
    this.models.clear();
    this.datasets.clear();
  }
}
