import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ConfigMap, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { createLocalStack } from "../../../scripts/lib/localStack";
import { ensureEngine } from "./engine";

const execFileAsync = promisify(execFile);

export interface TestStackOptions {
  program: PulumiFn;
  /** Full keys such as `cohere:apiKey`. */
  config?: ConfigMap;
  /** Extra environment for the CLI, which the dynamic provider process inherits. */
  env?: Record<string, string>;
  projectName?: string;
  stackName?: string;
}

export interface TestStack {
  stack: Stack;
  /** Temp directory holding the state backend, PULUMI_HOME and the workspace. */
  dir: string;
  /**
   * The stack's state as JSON text, secrets still encrypted (`Stack.exportStack()`
   * passes `--show-secrets`, so it cannot show what is stored).
   */
  exportState: () => Promise<string>;
  /** Removes the temp directory, state included; destroys nothing. */
  cleanup: () => Promise<void>;
}

/**
 * A stack of an inline program on a private file backend, isolated from the user's Pulumi setup. Its main
 * directory is the repo root, where the dynamic provider plugin resolves `@pulumi/pulumi`.
 */
export async function createTestStack(options: TestStackOptions): Promise<TestStack> {
  const { cli } = await ensureEngine();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-e2e-"));
  const stackName = options.stackName ?? "test";
  const { stack, workDir, env } = await createLocalStack({
    cli,
    program: options.program,
    projectName: options.projectName ?? "cohere-e2e",
    stackName,
    dir,
    env: options.env,
    passphrase: "e2e-passphrase",
  });
  if (options.config) await stack.setAllConfig(options.config);

  return {
    stack,
    dir,
    exportState: async () => {
      const { stdout } = await execFileAsync(cli.binary, ["stack", "export", "--stack", stackName], {
        cwd: workDir,
        env: { ...process.env, ...env },
        maxBuffer: 64 * 1024 * 1024,
      });
      return stdout;
    },
    cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}
