/** An Automation API stack of an inline program on a private file backend, isolated from the user's own Pulumi setup. */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { ConfigMap, LocalWorkspace, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";
import { PulumiCli, REPO_ROOT } from "./pulumiCli";

export { REPO_ROOT };

const execFileAsync = promisify(execFile);

export interface LocalStackOptions {
  cli: PulumiCli;
  program: PulumiFn;
  projectName: string;
  stackName: string;
  /** Holds the backend, PULUMI_HOME and the workspace; created when missing. */
  dir: string;
  /** The project's main directory: the dynamic provider plugin starts there and resolves `@pulumi/pulumi` from it. */
  mainDir?: string;
  /** Stack config file to use (Pulumi.<stack>.yaml); copied into the workspace so the original is never rewritten. */
  stackConfigFile?: string;
  env?: Record<string, string>;
  passphrase?: string;
}

export async function createLocalStack(
  options: LocalStackOptions,
): Promise<{ stack: Stack; workDir: string; env: Record<string, string> }> {
  const [backend, home, workDir] = ["backend", "home", "work"].map((name) => path.join(options.dir, name));
  [backend, home, workDir].forEach((subdir) => fs.mkdirSync(subdir, { recursive: true }));
  if (options.stackConfigFile)
    copyStackConfig(options.stackConfigFile, path.join(workDir, `Pulumi.${options.stackName}.yaml`));
  const env = {
    ...options.cli.env,
    PULUMI_CONFIG_PASSPHRASE: options.passphrase ?? "local-passphrase",
    PULUMI_SKIP_UPDATE_CHECK: "true",
    // Plugins cannot be downloaded here; fail fast instead of retrying the network.
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    ...options.env,
  };
  const command = await pulumiCommandFor(options.cli);
  const stack = await LocalWorkspace.createOrSelectStack(
    { projectName: options.projectName, stackName: options.stackName, program: options.program },
    {
      workDir,
      pulumiHome: home,
      pulumiCommand: command,
      projectSettings: {
        name: options.projectName,
        runtime: "nodejs",
        main: options.mainDir ?? REPO_ROOT,
        backend: { url: `file://${backend}` },
      },
      envVars: env,
    },
  );
  return { stack, workDir, env: { ...env, PULUMI_HOME: home } };
}

/** Keeps the encryption salt Pulumi added to an earlier copy, so existing secrets stay readable. */
function copyStackConfig(source: string, target: string): void {
  const salt = fs.existsSync(target)
    ? /^encryptionsalt:.*$/m.exec(fs.readFileSync(target, "utf8"))?.[0]
    : undefined;
  const text = fs.readFileSync(source, "utf8").replace(/^encryptionsalt:.*\n?/m, "");
  fs.writeFileSync(target, salt ? `${salt}\n${text}` : text);
}

/** `PulumiCommand.get({ root })` runs `<root>/bin/pulumi`; any other location must be the one on PATH. */
export function pulumiCommandFor(cli: PulumiCli): Promise<PulumiCommand> {
  const root = path.basename(cli.dir) === "bin" ? path.dirname(cli.dir) : undefined;
  return PulumiCommand.get(root ? { root } : {});
}

export interface ThrowawayStackOptions {
  cli: PulumiCli;
  program: PulumiFn;
  projectName: string;
  stackName: string;
  /** Full keys such as `cohere:apiKey`. */
  config?: ConfigMap;
  /** Environment of the CLI, inherited by the dynamic provider process. */
  env?: Record<string, string>;
  mainDir?: string;
  stackConfigFile?: string;
  /** Names the temp directory. */
  purpose: string;
}

export interface ThrowawayStack {
  stack: Stack;
  /** Temp directory holding the state backend, PULUMI_HOME and the workspace. */
  dir: string;
  /** `pulumi stack export` as the CLI prints it: secrets still encrypted, as stored (`Stack.exportStack()` decrypts them). */
  exportState: () => Promise<string>;
  /** Removes the temp directory, state included; destroys nothing. */
  cleanup: () => Promise<void>;
}

/** A local stack in a fresh temp directory, for one test or measurement. */
export async function createThrowawayStack(options: ThrowawayStackOptions): Promise<ThrowawayStack> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `cohere-${options.purpose}-`));
  const { stack, workDir, env } = await createLocalStack({
    ...options,
    dir,
    passphrase: `${options.purpose}-passphrase`,
  });
  if (options.config) await stack.setAllConfig(options.config);
  return {
    stack,
    dir,
    exportState: async () => {
      const { stdout } = await execFileAsync(
        options.cli.binary,
        ["stack", "export", "--stack", options.stackName],
        {
          cwd: workDir,
          env: { ...process.env, ...env },
          maxBuffer: 256 * 1024 * 1024,
        },
      );
      return stdout;
    },
    cleanup: () => fs.promises.rm(dir, { recursive: true, force: true }),
  };
}
