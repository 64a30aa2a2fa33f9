#!/usr/bin/env node
import { parseArgs } from "node:util";
import {
  DEFAULT_API_KEY,
  DEFAULT_DEPLOYING_FRACTION,
  DEFAULT_QUEUED_FRACTION,
  DEFAULT_TRAINING_MS,
  DEFAULT_VALIDATION_MS,
  startEmulator,
  type EmulatorOptions,
} from "./index";

const USAGE = `Usage: cohere-emulator [--port <p>] [--api-key <k>] [--training-ms <ms>] [--validation-ms <ms>]
                       [--queued-fraction <0..1>] [--deploying-fraction <0..1>] [--state-file <path>] [--quiet]
Environment: COHERE_EMULATOR_PORT, COHERE_EMULATOR_API_KEY, COHERE_EMULATOR_TRAINING_MS,
             COHERE_EMULATOR_VALIDATION_MS, COHERE_EMULATOR_QUEUED_FRACTION,
             COHERE_EMULATOR_DEPLOYING_FRACTION, COHERE_EMULATOR_STATE_FILE (flags win).
Defaults: port 0 (a free port), api key "${DEFAULT_API_KEY}", training ${DEFAULT_TRAINING_MS} ms (queued
          ${DEFAULT_QUEUED_FRACTION}, deploying ${DEFAULT_DEPLOYING_FRACTION} of it), validation ${DEFAULT_VALIDATION_MS} ms.`;

function optionsFromCommandLine(argv: string[], env: NodeJS.ProcessEnv): EmulatorOptions {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: "string" },
      "api-key": { type: "string" },
      "training-ms": { type: "string" },
      "validation-ms": { type: "string" },
      "queued-fraction": { type: "string" },
      "deploying-fraction": { type: "string" },
      "state-file": { type: "string" },
      quiet: { type: "boolean", default: false },
      help: { type: "boolean", default: false },
    },
  });
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  return {
    port: integer("port", values.port ?? env.COHERE_EMULATOR_PORT),
    apiKey: values["api-key"] ?? env.COHERE_EMULATOR_API_KEY,
    trainingMs: integer("training-ms", values["training-ms"] ?? env.COHERE_EMULATOR_TRAINING_MS),
    validationMs: integer("validation-ms", values["validation-ms"] ?? env.COHERE_EMULATOR_VALIDATION_MS),
    queuedFraction: fraction(
      "queued-fraction",
      values["queued-fraction"] ?? env.COHERE_EMULATOR_QUEUED_FRACTION,
    ),
    deployingFraction: fraction(
      "deploying-fraction",
      values["deploying-fraction"] ?? env.COHERE_EMULATOR_DEPLOYING_FRACTION,
    ),
    stateFile: values["state-file"] ?? env.COHERE_EMULATOR_STATE_FILE,
    log: !values.quiet,
  };
}

function integer(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  if (!/^\d+$/.test(raw))
    throw new Error(`--${name} must be a non-negative integer, got ${JSON.stringify(raw)}`);
  return Number(raw);
}

/** The range is checked by startEmulator. */
function fraction(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (Number.isNaN(value)) throw new Error(`--${name} must be a number, got ${JSON.stringify(raw)}`);
  return value;
}

async function main(): Promise<void> {
  const options = optionsFromCommandLine(process.argv.slice(2), process.env);
  const emulator = await startEmulator(options);
  console.log(`Cohere emulator listening on ${emulator.url}`);
  let closing = false;
  const shutdown = (signal: string) => {
    if (closing) return;
    closing = true;
    console.log(`Cohere emulator stopping (${signal})`);
    emulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(`cohere emulator: ${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(1);
});
