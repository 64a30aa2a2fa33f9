/** The emulator as its own process, started as `npm run emulator` starts it, so its CPU and memory are its own. */
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const TS_NODE = join(ROOT, "node_modules", ".bin", "ts-node");

/** Resolves with the URL the emulator prints; rejects with its output if it exits first. */
export function launchEmulatorProcess(
  args: string[],
  env: NodeJS.ProcessEnv = {},
): Promise<{ child: ChildProcessWithoutNullStreams; url: string }> {
  const child = spawn(TS_NODE, ["--transpile-only", join(ROOT, "emulator", "cli.ts"), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    let output = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      const match = /http:\/\/127\.0\.0\.1:\d+/.exec(output);
      if (match) resolve({ child, url: match[0] });
    });
    child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${output}`)));
  });
}
