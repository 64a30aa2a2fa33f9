/** Progress for the `pulumi up` display: the dynamic host shows what the provider process prints; a plugin logs it. */
import { AsyncLocalStorage } from "node:async_hooks";

export type ProgressSink = (message: string) => void;

/**
 * The sink of the operation running: a plugin host sends each resource's progress to the engine under its URN.
 * It holds nothing itself: each sink lives in the asynchronous context of the call that set it.
 */
const operationSinks = new AsyncLocalStorage<ProgressSink>();

export function withProgressSink<T>(sink: ProgressSink, operation: () => T): T {
  return operationSinks.run(sink, operation);
}

/** Where what is said of the operation as a whole goes, outside any resource's call (from a timer, say). */
export interface OperationLog {
  /** A warning about the operation as a whole. */
  warning: ProgressSink;
  /** A fact about the operation as a whole (what its trainings come to). */
  info: ProgressSink;
}

/** The dynamic host's: the engine shows what the provider process prints. A plugin host sends it to the engine. */
export const printedOperationLog: OperationLog = {
  warning: (message) => report(`warning: ${message}`),
  info: (message) => report(message),
};

export function report(message: string): void {
  const sink = operationSinks.getStore();
  if (sink) return sink(message);
  if (!process.stdout.listeners("error").includes(exitOnBrokenPipe))
    process.stdout.on("error", exitOnBrokenPipe);
  console.log(`cohere: ${message}`);
}

/**
 * The engine reads this process's output. Once that pipe is broken the engine is gone (killed), nothing can be
 * reported or returned any more, and Pulumi's dynamic provider host would otherwise spin forever logging EPIPE
 * errors to the equally broken stderr, growing by gigabytes. Whatever Cohere is doing carries on; the next
 * `pulumi up` finds it.
 */
function exitOnBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(1);
}
