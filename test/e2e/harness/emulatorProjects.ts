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
  let datasetId = "";
  const emulator = useEmulator(options, teardownMs, async (server) => {
    datasetId = await server.admin.createChatDataset();
  });
  return {
    get admin() {
      return emulator.server.admin;
    },
    get url() {
      return emulator.server.url;
    },
    get datasetId() {
      return datasetId;
    },
    async project(program, { stack, env } = {}) {
      return emulator.track(
        await emulatorProject({
          emulatorUrl: emulator.server.url,
          apiKey: testApiKey,
          program,
          env: { ...fastProviderEnv, ...env },
          stack,
        }),
      );
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
  const emulator = useEmulator(options, teardownMs);
  return {
    get admin() {
      return emulator.server.admin;
    },
    get url() {
      return emulator.server.url;
    },
    get server() {
      return emulator.server;
    },
    track: (project) => emulator.track(project),
    async project(template, { files, only } = {}) {
      return emulator.track(await pluginProject({ template, files, only, env: fastProviderEnv }));
    },
  };
}

/** What both share: the emulator, reset before each test (then `eachTest`), and the projects to tear down. */
function useEmulator(
  options: EmulatorOptions,
  teardownMs: number,
  eachTest?: (server: TestEmulator) => Promise<void>,
): { readonly server: TestEmulator; track(project: UserProject): UserProject } {
  let server: TestEmulator | undefined;
  const projects: UserProject[] = [];

  beforeAll(async () => {
    server = await startTestEmulator(options);
  });
  beforeEach(async () => {
    await server!.admin.reset();
    await eachTest?.(server!);
  });
  afterAll(async () => {
    for (const project of projects) await project.destroy().catch(() => undefined);
    await Promise.all(projects.map((project) => project.cleanup()));
    await server?.close();
  }, teardownMs);

  return {
    get server() {
      return server!;
    },
    track(project) {
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
