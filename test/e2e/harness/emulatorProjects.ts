/**
 * One emulator for a test file, reset before each test (with a fresh validated chat dataset for the TypeScript
 * projects), and the user projects its tests make, destroyed and removed when the file ends.
 */
import type { EmulatorAdmin, EmulatorOptions } from "../../../emulator/index";
import { fastProviderEnv, startTestEmulator, TestEmulator, testApiKey } from "../../support/emulator";
import { PulumiCommandError } from "../../../scripts/lib/pulumiProject";
import { emulatorProject, pluginProject } from "./index";
import type { UserProject } from "../../../scripts/lib/userProject";

export interface EmulatorProjects {
  readonly admin: EmulatorAdmin;
  readonly url: string;
  /** The dataset made for the current test. */
  readonly datasetId: string;
  /** A TypeScript project running `program`, pointed at the emulator, stack selected. */
  project(program: string, options?: { stack?: string; env?: Record<string, string> }): Promise<UserProject>;
}

export function useEmulatorProjects(options: EmulatorOptions, teardownMs = 300_000): EmulatorProjects {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>> | undefined;
  let datasetId = "";
  const projects: UserProject[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator(options);
  });
  beforeEach(async () => {
    await emulator!.admin.reset();
    datasetId = await emulator!.admin.createChatDataset();
  });
  afterAll(async () => {
    for (const project of projects) await project.destroy().catch(() => undefined);
    await Promise.all(projects.map((project) => project.cleanup()));
    await emulator?.close();
  }, teardownMs);

  return {
    get admin() {
      return emulator!.admin;
    },
    get url() {
      return emulator!.url;
    },
    get datasetId() {
      return datasetId;
    },
    async project(program, { stack, env } = {}) {
      const project = await emulatorProject({
        emulatorUrl: emulator!.url,
        apiKey: testApiKey,
        program,
        env: { ...fastProviderEnv, ...env },
        stack,
      });
      projects.push(project);
      return project;
    },
  };
}

export interface PluginProjects {
  readonly admin: EmulatorAdmin;
  readonly url: string;
  readonly server: TestEmulator;
  /** Destroys and removes a project made otherwise when the file ends. */
  track(project: UserProject): UserProject;
  /** A copy of `template` using the provider plugin (see `pluginProject`), destroyed and removed when the file ends. */
  project(
    template: string,
    options?: { files?: Record<string, string>; only?: string[] },
  ): Promise<UserProject>;
}

/** One emulator for a test file, reset before each test, and the plugin projects its tests make. */
export function usePluginProjects(options: EmulatorOptions, teardownMs = 600_000): PluginProjects {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>> | undefined;
  const projects: UserProject[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator(options);
  });
  beforeEach(() => emulator!.admin.reset());
  afterAll(async () => {
    for (const project of projects) await project.destroy().catch(() => undefined);
    await Promise.all(projects.map((project) => project.cleanup()));
    await emulator?.close();
  }, teardownMs);

  return {
    get admin() {
      return emulator!.admin;
    },
    get url() {
      return emulator!.url;
    },
    get server() {
      return emulator!;
    },
    track(project) {
      projects.push(project);
      return project;
    },
    async project(template, { files, only } = {}) {
      const project = await pluginProject({ template, files, only, env: fastProviderEnv });
      projects.push(project);
      return project;
    },
  };
}

/** The message of a `pulumi` command that had to fail. */
export async function commandFailure(operation: Promise<unknown>): Promise<string> {
  const error = await operation.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(PulumiCommandError);
  return (error as PulumiCommandError).message;
}
