/** A Pulumi project directory driven through the `pulumi` binary, the way a user drives it from a shell. */
import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";

export interface PulumiRun {
  stdout: string;
  stderr: string;
}

/** What an operation did, read from the engine's JSON events. */
export interface OperationResult {
  /** The engine's summary: `{create: 1, same: 2}` and so on. */
  changes: Record<string, number>;
  /** Every message the engine and the providers printed (info, warnings, errors). */
  messages: string[];
  /** Everything `pulumi` wrote, for searches such as a secrets audit. */
  output: string;
}

export interface OperationOptions {
  /** More flags for the command line, e.g. `["--debug", "-v=9", "--logtostderr"]`. */
  flags?: string[];
}

export interface PreviewOptions extends OperationOptions {
  expectNoChanges?: boolean;
  refresh?: boolean;
  /** Writes the plan of the preview to this file (`--save-plan`). */
  savePlan?: string;
}

export interface UpOptions extends OperationOptions {
  /** Resource names (of this project's resources) to replace, as `--replace <urn>`. */
  replace?: string[];
  refresh?: boolean;
  /** Runs the update constrained to a saved plan (`--plan`). */
  plan?: string;
}

/** A resource as `pulumi stack export` records it. */
export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}

export class PulumiCommandError extends Error {
  constructor(
    readonly args: string[],
    readonly code: number | null,
    readonly run: PulumiRun,
  ) {
    super(`pulumi ${args.join(" ")} failed (exit ${code}):\n${run.stdout}\n${run.stderr}`);
    this.name = "PulumiCommandError";
  }
}

export class PulumiProject {
  /** `name` from Pulumi.yaml. */
  readonly name: string;
  private stackName = "";
  private readonly transcript: string[] = [];

  /** `env` is the whole environment `pulumi` runs with (PATH with the CLI, PULUMI_HOME, passphrase, ...). */
  constructor(
    readonly dir: string,
    readonly env: NodeJS.ProcessEnv,
  ) {
    this.name = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(dir, "Pulumi.yaml"), "utf8"))![1];
  }

  /** Runs `pulumi <args>` in the project directory; a non-zero exit rejects with a PulumiCommandError. */
  pulumi(args: string[], options: { inheritOutput?: boolean } = {}): Promise<PulumiRun> {
    return this.run("pulumi", args, options);
  }

  /** Runs a command (a script of the project, say) in the project directory with the project's environment. */
  run(
    command: string,
    args: string[],
    options: { inheritOutput?: boolean; env?: NodeJS.ProcessEnv } = {},
  ): Promise<PulumiRun> {
    return new Promise((resolve, reject) => {
      const child = spawn(command, args, {
        cwd: this.dir,
        env: { ...this.env, ...options.env },
        stdio: ["ignore", "pipe", "pipe"],
      });
      const stdout: Buffer[] = [];
      const stderr: Buffer[] = [];
      child.stdout.on("data", (chunk: Buffer) => {
        stdout.push(chunk);
        if (options.inheritOutput) process.stdout.write(chunk);
      });
      child.stderr.on("data", (chunk: Buffer) => {
        stderr.push(chunk);
        if (options.inheritOutput) process.stderr.write(chunk);
      });
      child.on("error", reject);
      child.on("close", (code) => {
        const run = { stdout: Buffer.concat(stdout).toString(), stderr: Buffer.concat(stderr).toString() };
        this.transcript.push(run.stdout, run.stderr);
        if (code === 0) resolve(run);
        else reject(new PulumiCommandError(command === "pulumi" ? args : [command, ...args], code, run));
      });
    });
  }

  /** Everything `pulumi` printed so far in this project. */
  output(): string {
    return this.transcript.join("");
  }

  async login(backendUrl: string): Promise<void> {
    await this.pulumi(["login", backendUrl]);
  }

  async selectStack(name: string): Promise<void> {
    await this.pulumi(["stack", "select", "--create", name]);
    this.stackName = name;
  }

  get stack(): string {
    return this.stackName;
  }

  async setConfig(
    key: string,
    value: string,
    options: { secret?: boolean; path?: boolean } = {},
  ): Promise<void> {
    const flags = [...(options.secret ? ["--secret"] : []), ...(options.path ? ["--path"] : [])];
    // The value goes last, after `--`, so a value starting with "-" is not read as a flag.
    await this.pulumi(["config", "set", ...flags, key, "--", value]);
  }

  async removeConfig(key: string): Promise<void> {
    await this.pulumi(["config", "rm", key]);
  }

  async preview(options: PreviewOptions = {}): Promise<OperationResult> {
    const args = ["preview", "--json", ...(options.expectNoChanges ? ["--expect-no-changes"] : [])];
    if (options.refresh) args.push("--refresh");
    if (options.savePlan) args.push("--save-plan", options.savePlan);
    args.push(...(options.flags ?? []));
    const run = await this.pulumi(args).catch((error: unknown) => {
      throw this.withMessages(error);
    });
    return { ...parseEvents(run.stdout), output: run.stdout + run.stderr };
  }

  async up(options: UpOptions = {}): Promise<OperationResult> {
    const args = ["up", "--yes", ...(options.plan ? ["--plan", options.plan] : ["--skip-preview"])];
    for (const name of options.replace ?? []) args.push("--replace", await this.urnOf(name));
    if (options.refresh) args.push("--refresh");
    return this.operation([...args, ...(options.flags ?? [])]);
  }

  refresh(options: OperationOptions = {}): Promise<OperationResult> {
    return this.operation(["refresh", "--yes", "--skip-preview", ...(options.flags ?? [])]);
  }

  destroy(options: OperationOptions = {}): Promise<OperationResult> {
    return this.operation(["destroy", "--yes", "--skip-preview", ...(options.flags ?? [])]);
  }

  async cancel(): Promise<void> {
    await this.pulumi(["cancel", "--yes"]);
  }

  /** The stack's outputs, secrets in clear. */
  async outputs(): Promise<Record<string, unknown>> {
    return JSON.parse((await this.pulumi(["stack", "output", "--json", "--show-secrets"])).stdout);
  }

  /** The state as stored: secrets still encrypted. */
  async exportState(): Promise<string> {
    return (await this.pulumi(["stack", "export"])).stdout;
  }

  async resources(): Promise<StateResource[]> {
    return JSON.parse(await this.exportState()).deployment.resources ?? [];
  }

  /** The URN of the resource with this name (and, to tell same-named ones apart, type suffix). */
  async urnOf(name: string): Promise<string> {
    const matches = (await this.resources()).filter((resource) => resource.urn.endsWith(`::${name}`));
    if (matches.length !== 1) throw new Error(`${matches.length} resources named ${name} in ${this.stack}`);
    return matches[0].urn;
  }

  writeFile(relativePath: string, content: string): void {
    const file = path.join(this.dir, relativePath);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, content);
  }

  private async operation(args: string[]): Promise<OperationResult> {
    const run = await this.pulumi([...args, "--json"]).catch((error: unknown) => {
      throw this.withMessages(error);
    });
    return { ...parseEvents(run.stdout), output: run.stdout + run.stderr };
  }

  /** A failed JSON run explains itself in its events: the error says what they said, not every event. */
  private withMessages(error: unknown): unknown {
    if (!(error instanceof PulumiCommandError)) return error;
    const messages = parseEvents(error.run.stdout).messages;
    error.message = `pulumi ${error.args.join(" ")} failed (exit ${error.code}):\n${[...messages, error.run.stderr].join("\n")}`;
    return error;
  }
}

interface EngineEvent {
  diagnosticEvent?: { message: string; severity: string };
  summaryEvent?: { resourceChanges: Record<string, number> };
}

const shownSeverities = ["info", "info#err", "warning", "error"];

/** A preview prints one JSON document; the other operations print one event per line. */
function parseEvents(stdout: string): Omit<OperationResult, "output"> {
  const preview = parsePreview(stdout);
  if (preview) return preview;
  const events: EngineEvent[] = [];
  for (const line of stdout.split("\n")) {
    if (!line.startsWith("{")) continue;
    try {
      events.push(JSON.parse(line) as EngineEvent);
    } catch {
      // Not an event: text the CLI printed around them.
    }
  }
  const diagnostics = events.flatMap((event) => (event.diagnosticEvent ? [event.diagnosticEvent] : []));
  return {
    changes: events.find((event) => event.summaryEvent)?.summaryEvent?.resourceChanges ?? {},
    messages: diagnostics.filter((d) => shownSeverities.includes(d.severity)).map((d) => d.message.trim()),
  };
}

function parsePreview(stdout: string): Omit<OperationResult, "output"> | undefined {
  let preview: { changeSummary?: Record<string, number>; diagnostics?: Array<{ message: string }> };
  try {
    preview = JSON.parse(stdout);
  } catch {
    return undefined;
  }
  return {
    changes: preview.changeSummary ?? {},
    messages: (preview.diagnostics ?? []).map((d) => d.message.trim()),
  };
}
