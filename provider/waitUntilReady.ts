/** Polls a fine-tuned model until it is READY or FAILED, or the deadline passes. */
import type { WireFinetunedModel } from "./cohere/wire";
import { Status } from "./enums";
import { formatDuration } from "./duration";

export interface PollSchedule {
  initialMs: number;
  maxMs: number;
  factor: number;
}

export interface WaitOptions {
  getModel: () => Promise<WireFinetunedModel>;
  deadline: number;
  schedule: PollSchedule;
  report: (message: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
}

export type WaitOutcome =
  | { kind: "ready"; model: WireFinetunedModel; polls: number }
  | { kind: "failed"; model: WireFinetunedModel; polls: number }
  | { kind: "timedOut"; model: WireFinetunedModel; polls: number };

export function pollScheduleFromEnv(env: NodeJS.ProcessEnv = process.env): PollSchedule {
  return {
    initialMs: Number(env.COHERE_POLL_INITIAL_MS) || 1000,
    maxMs: Number(env.COHERE_POLL_MAX_MS) || 30_000,
    factor: 1.5,
  };
}

export async function waitUntilReady(first: WireFinetunedModel, options: WaitOptions): Promise<WaitOutcome> {
  const sleep = options.sleep ?? ((ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)));
  const now = options.now ?? Date.now;
  const started = now();
  let model = first;
  let lastStatus = "";
  let delay = options.schedule.initialMs;
  let polls = 0;
  for (;;) {
    const status = model.status ?? Status.Unspecified;
    if (status !== lastStatus) {
      options.report(`${model.name}: ${status} after ${formatDuration(now() - started)}`);
      lastStatus = status;
    }
    if (status === Status.Ready) return { kind: "ready", model, polls };
    if (status === Status.Failed) return { kind: "failed", model, polls };
    const remaining = options.deadline - now();
    if (remaining <= 0) return { kind: "timedOut", model, polls };
    await sleep(Math.min(delay, remaining));
    delay = Math.min(options.schedule.maxMs, delay * options.schedule.factor);
    polls++;
    model = await options.getModel();
  }
}
