import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorAdmin } from "../../emulator/index";
import { emulatorProject, modelsProgram, UserProject } from "./harness";
import { startTestEmulator, testApiKey } from "../support/emulator";

const wandbKey = "wandb-audit-key-3e9d51c7";
const step = 180_000;
/** Pulumi's own most verbose logging, to stderr, so everything the engine and the plugin log is searched. */
const verbose = { flags: ["-v=9", "--logtostderr", "--debug"] };

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

describe("secrets audit of a full lifecycle with verbose logging", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;
  let args: Record<string, unknown>;
  const transcripts: string[] = [];
  const declare = () => project.writeFile("index.ts", modelsProgram({ audited: { args } }));

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 500 });
    admin = emulator.admin;
    const datasetId = await admin.createChatDataset();
    args = {
      name: "audited",
      settings: {
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId,
        wandb: { project: "audit", apiKey: "secret:wandbKey" },
      },
    };
    project = await emulatorProject({
      emulatorUrl: emulator.url,
      apiKey: testApiKey,
      env: {
        COHERE_POLL_INITIAL_MS: "100",
        COHERE_POLL_MAX_MS: "200",
        COHERE_RETRY_BASE_MS: "10",
        COHERE_CREATE_LOOKUP_MS: "10",
      },
    });
    await project.setConfig("wandbKey", wandbKey, { secret: true });
    declare();
  }, step);

  afterAll(async () => {
    await project?.cleanup();
    await emulator?.close();
  });

  it(
    "runs up, preview, refresh, a rename, a wandb-only update, a failing refresh and destroy",
    async () => {
      await project.up(verbose);
      await project.preview(verbose);
      await project.refresh(verbose);
      args = {
        ...args,
        name: "audited-renamed",
        settings: { ...(args.settings as object), wandb: { project: "audit2", apiKey: "secret:wandbKey" } },
      };
      declare();
      await project.up(verbose);
      // A wandb-only change is recorded without an API call: the path that never sees Cohere's answer.
      args = {
        ...args,
        settings: { ...(args.settings as object), wandb: { project: "audit3", apiKey: "secret:wandbKey" } },
      };
      declare();
      await admin.clearRequests();
      expect((await project.up(verbose)).changes).toMatchObject({ update: 1 });
      expect(await admin.requests()).toEqual([]);
      transcripts.push(await project.exportState());
      await admin.setFaults({ rate_500: 1 });
      const failure = await project.refresh(verbose).catch((error: Error) => error);
      await admin.setFaults({});
      expect(String(failure)).toMatch(/returned 500/);
      transcripts.push(String(failure));
      await project.destroy(verbose);
      transcripts.push(project.output());
      expect(await admin.models()).toEqual([]);
      expect(transcripts.join("").length).toBeGreaterThan(10_000);
    },
    step * 3,
  );

  it("finds neither the API key nor the wandb key in the CLI output, logs, state, history or backups", () => {
    const onDisk = filesUnder(project.root)
      .filter((file) => !file.includes("/node_modules/"))
      .map((file) => fs.readFileSync(file, "latin1"));
    expect(onDisk.length).toBeGreaterThan(3);
    const hits = [...transcripts, ...onDisk].filter(
      (text) => text.includes(testApiKey) || text.includes(wandbKey),
    );
    expect(hits).toEqual([]);
  });
});
