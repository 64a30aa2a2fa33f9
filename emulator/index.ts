import type { AddressInfo } from "node:net";
import { Backend } from "./backend/backend";
import type { PhaseSplit } from "./backend/lifecycle";
import {
  DEFAULT_API_KEY,
  DEFAULT_DEPLOYING_FRACTION,
  DEFAULT_QUEUED_FRACTION,
  DEFAULT_TRAINING_MS,
  DEFAULT_VALIDATION_MS,
} from "./defaults";
import { FaultInjector } from "./faults";
import { Logger } from "./logger";
import { RequestLog } from "./requestLog";
import { buildServer } from "./server";
import { loadSnapshot, saveSnapshot } from "./stateFile";

export { EmulatorAdmin, type ApiResponse } from "./admin";
export * from "./defaults";
export type { FaultConfig } from "./faults";
export type { LastUsedBody, SeedModelsBody } from "./http/adminRequests";
export type { ClockView } from "./http/adminResponses";
export type { RequestLogEntry } from "./requestLog";
export { chatJsonl } from "./sampleData";
export type { DatasetType, Status } from "./wire/enums";
export type { WireDataset, WireFinetunedModel } from "./wire/types";

export interface EmulatorOptions {
  /** 0 (the default) picks a free port. */
  port?: number;
  /** The only key accepted as `Authorization: Bearer <key>`; default `emulator-key`. */
  apiKey?: string;
  /** QUEUED to READY takes this long on the emulator's clock; default 5000. */
  trainingMs?: number;
  /** Share of `trainingMs` spent STATUS_QUEUED; default 0.1. */
  queuedFraction?: number;
  /** Share of `trainingMs` spent STATUS_DEPLOYING_API, at the end; default 0.2. FINETUNING takes the rest. */
  deployingFraction?: number;
  /** Upload to validated (or failed) takes this long; default 300. */
  validationMs?: number;
  /** JSON file the state is loaded from at start and saved to after every change. */
  stateFile?: string;
  /** One line per request and per change on stdout, secrets redacted; default false. */
  log?: boolean;
}

export interface EmulatorHandle {
  /** `http://127.0.0.1:<port>`, to be used as the Cohere base URL. */
  url: string;
  port: number;
  close(): Promise<void>;
}

/** Starts a Cohere-compatible fine-tuning and datasets API on 127.0.0.1. */
export async function startEmulator(options: EmulatorOptions = {}): Promise<EmulatorHandle> {
  const apiKey = options.apiKey ?? DEFAULT_API_KEY;
  const trainingMs = nonNegative("trainingMs", options.trainingMs ?? DEFAULT_TRAINING_MS);
  const validationMs = nonNegative("validationMs", options.validationMs ?? DEFAULT_VALIDATION_MS);
  const phases = phaseSplit(
    options.queuedFraction ?? DEFAULT_QUEUED_FRACTION,
    options.deployingFraction ?? DEFAULT_DEPLOYING_FRACTION,
  );
  const stateFile = options.stateFile;
  const faults = new FaultInjector();
  const backend = new Backend(
    {
      trainingMs,
      phases,
      validationMs,
      failsTraining: (name) => faults.failsTraining(name),
      visibilityDelayMs: () => faults.config.visibility_delay_ms,
    },
    stateFile ? loadSnapshot(stateFile) : undefined,
  );
  const logger = new Logger(options.log ?? false, [apiKey]);
  // Saving runs after responses are sent, where a throw would take the process down; so it reports instead.
  const persist = () => {
    if (!stateFile) return;
    try {
      saveSnapshot(stateFile, backend.snapshot());
    } catch (error) {
      process.stderr.write(
        `[cohere-emulator] could not save state to ${stateFile}: ${(error as Error).message}\n`,
      );
    }
  };
  // A state file that cannot be written fails the start rather than every later request.
  if (stateFile) saveSnapshot(stateFile, backend.snapshot());
  const app = await buildServer({ backend, faults, requestLog: new RequestLog(), logger, apiKey, persist });
  await app.listen({ host: "127.0.0.1", port: options.port ?? 0 });
  const port = (app.server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: async () => {
      await app.close();
      persist();
    },
  };
}

function nonNegative(name: string, value: number): number {
  if (!Number.isFinite(value) || value < 0)
    throw new Error(`${name} must be a non-negative number, got ${value}`);
  return value;
}

/** Both shares lie in 0..1 and leave FINETUNING a positive share of the run. */
function phaseSplit(queuedFraction: number, deployingFraction: number): PhaseSplit {
  for (const [name, value] of [
    ["queuedFraction", queuedFraction],
    ["deployingFraction", deployingFraction],
  ] as const) {
    if (!Number.isFinite(value) || value < 0 || value >= 1)
      throw new Error(`${name} must be at least 0 and below 1, got ${value}`);
  }
  if (queuedFraction + deployingFraction >= 1) {
    throw new Error(
      `queuedFraction + deployingFraction must stay below 1 to leave time for FINETUNING, got ${queuedFraction} + ${deployingFraction}`,
    );
  }
  return { queued: queuedFraction, deploying: deployingFraction };
}
