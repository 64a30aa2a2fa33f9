/** A throwaway Automation API stack for one measurement: private backend in a temp dir, removed afterwards. */
import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import { createThrowawayStack, ThrowawayStack } from "../lib/localStack";
import { ensurePulumiCli } from "../lib/pulumiCli";

export type BenchStack = ThrowawayStack;

export interface BenchStackOptions {
  projectName: string;
  program: PulumiFn;
  config?: ConfigMap;
  /** Environment of the CLI, inherited by the dynamic provider process. */
  env?: Record<string, string>;
  /** The project's main directory, where the dynamic-provider plugin starts; the repository when omitted. */
  mainDir?: string;
}

export async function createBenchStack(options: BenchStackOptions): Promise<BenchStack> {
  return createThrowawayStack({
    ...options,
    cli: await ensurePulumiCli(),
    stackName: "bench",
    purpose: "bench",
  });
}

/** Runs `body` on a fresh stack and always removes the stack's directory afterwards. */
export async function withBenchStack<T>(
  options: BenchStackOptions,
  body: (stack: BenchStack) => Promise<T>,
): Promise<T> {
  const benchStack = await createBenchStack(options);
  try {
    return await body(benchStack);
  } finally {
    await benchStack.cleanup();
  }
}
