import * as fs from "node:fs";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { FinetunedModel, FinetunedModelArgs } from "../../provider";
import { createTestStack, ENGINE_SETUP_TIMEOUT_MS, ensureEngine, TestStack } from "./harness";
import type { EmulatorAdmin } from "../../emulator/index";
import { startTestEmulator, testApiKey, emulatorConfig } from "../support/emulator";

const wandbKey = "wandb-audit-key-3e9d51c7";
const step = 180_000;
/** Pulumi's own most verbose logging, to stderr, so everything the engine and the plugin log is searched. */
const verbose = { logVerbosity: 9, logToStdErr: true, debug: true } as const;

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("secrets audit of a full lifecycle with verbose logging", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let testStack: TestStack;
  let args: FinetunedModelArgs;
  const transcripts: string[] = [];
  const record = (result: { stdout: string; stderr: string }) =>
    transcripts.push(result.stdout, result.stderr);

  beforeAll(async () => {
    await ensureEngine();
    emulator = await startTestEmulator({ trainingMs: 500 });
    admin = emulator.admin;
    const datasetId = await admin.createChatDataset();
    args = {
      name: "audited",
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId,
        wandb: { project: "audit", apiKey: wandbKey },
      },
    };
    testStack = await createTestStack({
      program: async () => {
        const model = new FinetunedModel("audited", args);
        return { id: model.id, settings: pulumi.secret(model.settings) };
      },
      config: emulatorConfig(emulator.url),
      env: { COHERE_POLL_INITIAL_MS: "100", COHERE_POLL_MAX_MS: "200", COHERE_RETRY_BASE_MS: "10" },
    });
  }, ENGINE_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await testStack?.cleanup();
    await emulator?.close();
  });

  it(
    "runs up, preview, refresh, a rename, a wandb-only update, a failing refresh and destroy",
    async () => {
      record(await testStack.stack.up(verbose));
      record(await testStack.stack.preview(verbose));
      record(await testStack.stack.refresh(verbose));
      args = {
        ...args,
        name: "audited-renamed",
        settings: { ...(args.settings as object), wandb: { project: "audit2", apiKey: wandbKey } } as never,
      };
      record(await testStack.stack.up(verbose));
      // A wandb-only change is recorded without an API call: the path that never sees Cohere's answer.
      args = {
        ...args,
        settings: { ...(args.settings as object), wandb: { project: "audit3", apiKey: wandbKey } } as never,
      };
      const recorded = await testStack.stack.up(verbose);
      expect(recorded.summary.resourceChanges).toMatchObject({ update: 1 });
      record(recorded);
      transcripts.push(await testStack.exportState());
      await admin.setFaults({ rate_500: 1 });
      const failure = await testStack.stack.refresh(verbose).catch((error: Error) => error);
      await admin.setFaults({});
      expect(String(failure)).toMatch(/returned 500/);
      transcripts.push(String(failure));
      record(await testStack.stack.destroy(verbose));
      expect(await admin.models()).toEqual([]);
      expect(transcripts.join("").length).toBeGreaterThan(10_000);
    },
    step * 3,
  );

  it("finds neither the API key nor the wandb key in the CLI output, logs, state, history or backups", () => {
    const onDisk = filesUnder(testStack.dir).map((file) => fs.readFileSync(file, "latin1"));
    expect(onDisk.length).toBeGreaterThan(3);
    const hits = [...transcripts, ...onDisk].filter(
      (text) => text.includes(testApiKey) || text.includes(wandbKey),
    );
    expect(hits).toEqual([]);
  });
});
