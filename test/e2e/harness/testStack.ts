import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import { createThrowawayStack, ThrowawayStack } from "../../../scripts/lib/localStack";
import { ensureEngine } from "./engine";

export interface TestStackOptions {
  program: PulumiFn;
  /** Full keys such as `cohere:apiKey`. */
  config?: ConfigMap;
  /** Extra environment for the CLI, which the dynamic provider process inherits. */
  env?: Record<string, string>;
  projectName?: string;
  stackName?: string;
}

export type TestStack = ThrowawayStack;

/**
 * A stack of an inline program on a private file backend, isolated from the user's Pulumi setup. Its main
 * directory is the repo root, where the dynamic provider plugin resolves `@pulumi/pulumi`.
 */
export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const { cli } = await ensureEngine();
  return createThrowawayStack({
    ...options,
    cli,
    projectName: options.projectName ?? "cohere-e2e",
    stackName: options.stackName ?? "test",
    purpose: "e2e",
  });
}
