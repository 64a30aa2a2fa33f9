/**
 * One emulator for a test file, reset before each test with a fresh validated chat dataset, and the user
 * projects its tests make, destroyed and removed when the file ends.
 */
import type { EmulatorAdmin, EmulatorOptions } from "../../../emulator/index";
import { fastProviderEnv, startTestEmulator, testApiKey } from "../../support/emulator";
import { emulatorProject } from "./index";
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
