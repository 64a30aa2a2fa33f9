import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorProject, UserProject } from "./harness";
import { startTestEmulator, testApiKey } from "../support/emulator";

const modelCount = 50;

const program = (datasetId: string) => `import { FinetunedModel } from "pulumi-cohere-finetuning";

export const ids: Record<string, unknown> = {};
for (let i = 0; i < ${modelCount}; i++) {
  const model = new FinetunedModel(\`soak-\${i}\`, {
    settings: {
      baseModel: { baseType: "BASE_TYPE_CHAT" },
      datasetId: ${JSON.stringify(datasetId)},
      hyperparameters: { trainEpochs: 1 + (i % 10) },
    },
  });
  ids[\`soak-\${i}\`] = model.id;
}
`;

/**
 * About a quarter of all API requests fail (429 with Retry-After, 503, dropped connections, some after the
 * request was processed): `up` still completes with exactly one model per resource and nothing orphaned.
 */
describe("fault soak: 50 models while a quarter of requests fail", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 1000 });
    admin = emulator.admin;
    project = await emulatorProject({
      emulatorUrl: emulator.url,
      apiKey: testApiKey,
      program: program(await admin.createChatDataset()),
      env: { COHERE_POLL_INITIAL_MS: "200", COHERE_POLL_MAX_MS: "500", COHERE_RETRY_BASE_MS: "20" },
    });
  }, 600_000);

  afterAll(async () => {
    await admin?.setFaults({});
    await project?.destroy().catch(() => undefined);
    await project?.cleanup();
    await emulator?.close();
  }, 300_000);

  it("completes, with zero duplicates and zero orphans", async () => {
    await admin.setFaults({
      rate_429: 0.1,
      rate_503: 0.08,
      drop_rate: 0.04,
      drop_after_processing_rate: 0.03,
      retry_after_seconds: 0,
      seed: 42,
    });
    await project.up();
    await admin.setFaults({});

    const requests = await admin.requests();
    const faulted = requests.filter((r) => r.status === 429 || r.status === 503 || r.status === 0).length;
    expect(faulted / requests.length).toBeGreaterThan(0.15);

    const stateIds = Object.values((await project.outputs()).ids as Record<string, string>);
    const models = await admin.models();
    const names = models.map((m) => m.name as string);
    const duplicates = names.length - new Set(names).size;
    const orphans =
      models.filter((m) => !stateIds.includes(m.id as string)).length +
      stateIds.filter((id) => !models.some((m) => m.id === id)).length;
    expect(stateIds).toHaveLength(modelCount);
    expect(models).toHaveLength(modelCount);
    expect({ duplicates, orphans }).toEqual({ duplicates: 0, orphans: 0 });
    expect(models.every((m) => m.status === "STATUS_READY")).toBe(true);
  }, 600_000);
});
