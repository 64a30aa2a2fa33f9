/**
 * What a host shares with every resource provider it runs: one per host (the dynamic provider's process, a
 * plugin's server), built by the host's entry point and passed down, never kept in a module.
 */
import { PlanJudgement, TrainingQueue } from "../finetunedModel/trainingQueue";
import { Cancellation } from "./cancellation";
import type { OperationLog } from "./report";
import { ProviderTiming, timingFromEnv } from "./timing";

export interface Clock {
  now(): number;
  /** A pause of a wait: rejects with WaitCancelledError once the host's operation is cancelled. */
  sleep(ms: number): Promise<void>;
}

export interface HostContext {
  readonly timing: ProviderTiming;
  readonly clock: Clock;
  /** The engine's Cancel ends every wait of the host. */
  readonly cancellation: Cancellation;
  /** What is said of the operation as a whole. */
  readonly operationLog: OperationLog;
  /** The engine's `--parallel` slots are shared by every provider of the host. */
  readonly trainingQueue: TrainingQueue;
}

export interface HostOptions {
  operationLog: OperationLog;
  judgePlan: PlanJudgement;
  env?: NodeJS.ProcessEnv;
}

export function newHostContext({ operationLog, judgePlan, env = process.env }: HostOptions): HostContext {
  const cancellation = new Cancellation();
  return {
    timing: timingFromEnv(env),
    clock: { now: Date.now, sleep: (ms) => cancellation.sleep(ms) },
    cancellation,
    operationLog,
    trainingQueue: new TrainingQueue({ warn: operationLog.warning, announce: operationLog.info, judgePlan }),
  };
}
