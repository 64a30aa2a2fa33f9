import { PulumiCommand } from "@pulumi/pulumi/automation";
import { ensurePulumiCli, PulumiCli } from "../../../scripts/lib/pulumiCli";
import { pulumiCommandFor } from "../../../scripts/lib/localStack";

/** Covers a cold build of the CLI from Go modules: 4 minutes on 2 idle cores, 7.5 under load, plus downloads. */
export const ENGINE_SETUP_TIMEOUT_MS = 30 * 60 * 1000;

export interface Engine {
  cli: PulumiCli;
  command: PulumiCommand;
}

let engine: Promise<Engine> | undefined;

/** The Pulumi CLI for Automation API stacks, built on first use; call it from `beforeAll`. */
export function ensureEngine(): Promise<Engine> {
  engine ??= connect().catch((error) => {
    engine = undefined;
    throw error;
  });
  return engine;
}

async function connect(): Promise<Engine> {
  const cli = await ensurePulumiCli();
  return { cli, command: await pulumiCommandFor(cli) };
}
