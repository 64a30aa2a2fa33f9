/**
 * A `pulumi up` killed right after Cohere accepted a create, while the provider waits: the engine never learns the
 * object's id. What the next `up` does depends on whether the resource can prove the object is its own.
 */
import * as fs from "node:fs";
import type { EmulatorAdmin, RequestLogEntry } from "../../emulator/index";
import { emulatorProject, modelsProgram, UserProject } from "./harness";
import { useEmulatorProjects } from "./harness/emulatorProjects";
import {
  chatJsonl,
  countRequests,
  fastProviderEnv,
  startTestEmulator,
  testApiKey,
} from "../support/emulator";
import { descendantsOf } from "../support/processes";

const step = 240_000;
const modelsPath = /^\/v1\/finetuning\/finetuned-models$/;

async function waitFor(condition: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; i < 1200; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/**
 * Runs `up` and kills the processes matching `victim` once `reached` holds for the emulator's request log; then
 * checks the provider plugin exits (its engine is gone) and leaves nothing running behind.
 */
async function killUpOnce(
  project: UserProject,
  admin: EmulatorAdmin,
  victim: RegExp,
  reached: (request: RequestLogEntry) => boolean,
): Promise<void> {
  const interrupted = project.up().catch((error: Error) => error);
  await waitFor(async () => (await admin.requests()).some(reached), "the create to reach the emulator");
  const victims = descendantsOf(process.pid).filter((info) => victim.test(info.commandLine));
  expect(victims.length).toBeGreaterThan(0);
  const descendants = victims.flatMap((info) => descendantsOf(info.pid));
  // The provider plugin is this package's concern: it must not outlive the engine that started it.
  const plugins = descendants.filter((info) => /cmd\/dynamic-provider/.test(info.commandLine));
  victims.forEach((info) => process.kill(info.pid, "SIGKILL"));
  expect(await interrupted).toBeInstanceOf(Error);
  // A plugin whose engine was killed exits at its next progress line instead of spinning on a broken pipe.
  await waitFor(
    async () => plugins.every((plugin) => !fs.existsSync(`/proc/${plugin.pid}`)),
    "plugins to exit",
  );
  // Pulumi's own language host outlives a killed CLI; do not leave it behind.
  for (const { pid } of descendants) if (fs.existsSync(`/proc/${pid}`)) process.kill(pid, "SIGKILL");
}

const acceptedCreate = (request: RequestLogEntry) =>
  request.method === "POST" && modelsPath.test(request.path) && request.status === 200;

describe("a killed up after a model's create reached Cohere", () => {
  const emulator = useEmulatorProjects({ trainingMs: 4000 });
  const settings = () => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: emulator.datasetId,
    hyperparameters: { trainEpochs: 2 },
  });
  const project = (args: Record<string, unknown>) => emulator.project(modelsProgram({ survivor: { args } }));

  it.each([
    ["the provider plugin process", /cmd\/dynamic-provider/, false],
    // A killed CLI leaves its lock in the backend; `pulumi cancel` is what its own message tells the user to run.
    ["the whole pulumi CLI", /^pulumi up /, true],
  ])(
    "with a generated name, killing %s: the next up resumes that model, no second training",
    async (_what, victim, needsCancel) => {
      const survivor = await project({ settings: settings() });
      await killUpOnce(survivor, emulator.admin, victim, acceptedCreate);
      expect(await emulator.admin.models()).toHaveLength(1);

      if (needsCancel) await survivor.cancel();
      await emulator.admin.clearRequests();
      await survivor.up();
      const models = await emulator.admin.models();
      expect(models).toHaveLength(1);
      const outputs = (await survivor.outputs()).models as Record<
        string,
        { id: string; status: string; name: string }
      >;
      expect(outputs.survivor).toMatchObject({
        id: models[0].id,
        status: "STATUS_READY",
        name: models[0].name,
      });
      expect(outputs.survivor.name).toMatch(/^survivor-[0-9a-f]{8}$/);
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(0);
    },
    step,
  );

  it(
    "with an explicit name: adopting the model the killed run created (adoptModelId) trains nothing more",
    async () => {
      const survivor = await project({ name: "explicit-survivor", settings: settings() });
      await killUpOnce(survivor, emulator.admin, /^pulumi up /, acceptedCreate);
      await survivor.cancel();
      // The id is what the killed run printed ("created model explicit-survivor (<id>)"); here, from the emulator.
      const [interrupted] = await emulator.admin.models();
      survivor.writeFile(
        "index.ts",
        modelsProgram({
          survivor: {
            args: { name: "explicit-survivor", adoptModelId: interrupted.id, settings: settings() },
          },
        }),
      );

      await emulator.admin.clearRequests();
      await survivor.up();
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(0);
      expect((await emulator.admin.models()).map((model) => model.id)).toEqual([interrupted.id]);
      const outputs = (await survivor.outputs()).models as Record<string, { id: string; status: string }>;
      expect(outputs.survivor).toMatchObject({ id: interrupted.id, status: "STATUS_READY" });
    },
    step,
  );

  it(
    "with an explicit name and no recovery step: the next up trains a second model, the first is left at Cohere",
    async () => {
      const survivor = await project({ name: "explicit-retrained", settings: settings() });
      await killUpOnce(survivor, emulator.admin, /^pulumi up /, acceptedCreate);
      await survivor.cancel();
      await emulator.admin.clearRequests();
      await survivor.up();
      expect(countRequests(await emulator.admin.requests(), "POST", modelsPath)).toBe(1);
      expect(
        (await emulator.admin.models()).filter((model) => model.name === "explicit-retrained"),
      ).toHaveLength(2);
    },
    step,
  );
});

describe("a killed up while Cohere validates an uploaded dataset", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;

  beforeAll(async () => {
    emulator = await startTestEmulator({ validationMs: 4000 });
    admin = emulator.admin;
    project = await emulatorProject({
      emulatorUrl: emulator.url,
      apiKey: testApiKey,
      program: `import * as path from "path";
import { Dataset, DatasetType } from "pulumi-cohere-finetuning";
export const datasetId = new Dataset("faq", { type: DatasetType.ChatFinetuneInput, dataFile: path.join(__dirname, "faq.jsonl") }).id;
`,
      files: { "faq.jsonl": chatJsonl(6) },
      env: fastProviderEnv,
    });
  }, step);

  afterAll(async () => {
    await project?.destroy().catch(() => undefined);
    await project?.cleanup();
    await emulator?.close();
  }, 300_000);

  it(
    "the next up uploads it again; the first upload stays at Cohere until it expires or is deleted",
    async () => {
      await killUpOnce(
        project,
        admin,
        /^pulumi up /,
        (r) => r.method === "POST" && r.path === "/v1/datasets",
      );
      await project.cancel();
      await admin.clearRequests();
      await project.up();
      expect(countRequests(await admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(1);
      const datasets = await admin.datasets();
      expect(datasets).toHaveLength(2);
      expect(datasets.map((dataset) => dataset.id)).toContain((await project.outputs()).datasetId);
    },
    step,
  );
});
