/**
 * A user's Pulumi project for one figure: bench/userProject with one of bench/programs as its index.ts, the
 * package installed from `npm pack` of this checkout, run by the `pulumi` binary on the oldest Node.js users run.
 * Every Node.js process of its runs reports its peak memory and CPU time at exit (bench/probe/processReport.js).
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { NODE_VERSIONS, ensureNode } from "../../scripts/lib/nodeVersions";
import { ensurePulumiCli } from "../../scripts/lib/pulumiCli";
import { createUserProject, type UserProject } from "../../scripts/lib/userProject";
import { PROCESS_REPORT_PROBE } from "./processReports";

export type BenchProgram = "finetunedModels" | "doNothing" | "dataset";

/** `engines` of the package and of `@pulumi/pulumi` start at 22. */
export const PROJECT_NODE_MAJOR = 22;
export const PROJECT_NODE_VERSION = NODE_VERSIONS[PROJECT_NODE_MAJOR];

/** Trainings of a few hundred ms are noticed within ~100 ms, and retries stay short. */
export const FAST_PROVIDER_ENV: Record<string, string> = {
  COHERE_POLL_INITIAL_MS: "50",
  COHERE_POLL_MAX_MS: "100",
  COHERE_RETRY_BASE_MS: "50",
  COHERE_CREATE_LOOKUP_MS: "50",
};

const TEMPLATE = path.join(__dirname, "..", "userProject");
const PROGRAMS = path.join(__dirname, "..", "programs");
const installedSdkVersions = new Set<string>();

/** The `@pulumi/pulumi` versions npm installed into the projects of this run. */
export function projectSdkVersions(): string[] {
  return [...installedSdkVersions];
}

export interface StackConfig {
  config: Record<string, string>;
  /** Stored encrypted, as `pulumi config set --secret` does. */
  secrets: Record<string, string>;
}

export interface BenchProject {
  readonly project: UserProject;
  /** Where the project's Node.js processes append their reports. */
  readonly processReportsFile: string;
  /** Creates and selects a new stack with this config (`secrets` stored encrypted). */
  newStack(name: string, config: StackConfig): Promise<void>;
}

export async function withBenchProject<T>(
  program: BenchProgram,
  env: Record<string, string>,
  body: (project: BenchProject) => Promise<T>,
): Promise<T> {
  const [cli, nodeDir] = await Promise.all([ensurePulumiCli(), ensureNode(PROJECT_NODE_MAJOR)]);
  const reportsDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-bench-reports-"));
  const processReportsFile = path.join(reportsDir, "process-reports.jsonl");
  try {
    const project = await createUserProject({
      template: TEMPLATE,
      files: { "index.ts": fs.readFileSync(path.join(PROGRAMS, `${program}.ts`), "utf8") },
      purpose: `bench-${program}`,
      env: {
        ...FAST_PROVIDER_ENV,
        ...env,
        PATH: `${nodeDir}${path.delimiter}${cli.env.PATH}`,
        NODE_OPTIONS: `--require ${PROCESS_REPORT_PROBE}`,
        BENCH_PROCESS_REPORTS: processReportsFile,
      },
    });
    installedSdkVersions.add(installedVersion(project.dir, "@pulumi/pulumi"));
    try {
      return await body({
        project,
        processReportsFile,
        newStack: (name, config) => newStack(project, name, config),
      });
    } finally {
      await project.cleanup();
    }
  } finally {
    await fs.promises.rm(reportsDir, { recursive: true, force: true });
  }
}

async function newStack(project: UserProject, name: string, { config, secrets }: StackConfig): Promise<void> {
  await project.selectStack(name);
  const pairs = [
    ...Object.entries(config).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
    ...Object.entries(secrets).flatMap(([key, value]) => ["--secret", `${key}=${value}`]),
  ];
  await project.pulumi(["config", "set-all", ...pairs]);
}

function installedVersion(projectDir: string, name: string): string {
  const manifest = path.join(projectDir, "node_modules", name, "package.json");
  return (JSON.parse(fs.readFileSync(manifest, "utf8")) as { version: string }).version;
}
