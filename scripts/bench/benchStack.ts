/** A throwaway Automation API stack for one measurement: private backend in a temp dir, removed afterwards. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import type { ConfigMap, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { createLocalStack } from "../lib/localStack";
import { ensurePulumiCli } from "../lib/pulumiCli";

const execFileAsync = promisify(execFile);
const STACK_NAME = "bench";

export interface BenchStack {
  stack: Stack;
  /** `pulumi stack export` as the CLI prints it: secrets stay encrypted, as they are stored. */
  exportState: () => Promise<string>;
  cleanup: () => Promise<void>;
}

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
  const cli = await ensurePulumiCli();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-bench-"));
  const { stack, workDir, env } = await createLocalStack({
    cli,
    program: options.program,
    projectName: options.projectName,
    stackName: STACK_NAME,
    dir,
    mainDir: options.mainDir,
    env: options.env,
    passphrase: "bench-passphrase",
  });
  if (options.config) await stack.setAllConfig(options.config);
  return {
    stack,
    exportState: async () => {
      const { stdout } = await execFileAsync(cli.binary, ["stack", "export", "--stack", STACK_NAME], {
        cwd: workDir,
        env: { ...process.env, ...env },
        maxBuffer: 256 * 1024 * 1024,
      });
      return stdout;
    },
    cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
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
