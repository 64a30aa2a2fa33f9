import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { testApiKey, startTestEmulator, type TestEmulator } from "../support/emulator";

const MODELS = "/v1/finetuning/finetuned-models";
const WANDB_KEY = "wandb-key-8f3a1c9d";
const WRONG_TOKEN = "not-the-key-77aa";

describe("secrets never leave the emulator in clear", () => {
  let emulator: TestEmulator;
  let output: string[];
  let spy: jest.SpyInstance;

  beforeEach(async () => {
    output = [];
    spy = jest.spyOn(process.stdout, "write").mockImplementation((chunk: string | Uint8Array) => {
      output.push(chunk.toString());
      return true;
    });
    emulator = await startTestEmulator({ trainingMs: 60_000, validationMs: 100, log: true });
  });
  afterEach(async () => {
    await emulator.close();
    spy.mockRestore();
  });

  test("bearer tokens and wandb api keys appear neither in the log output, the request log nor responses", async () => {
    const model = await emulator.chatModel("secretive", { wandb: { project: "p", api_key: WANDB_KEY } });
    const id = model.id as string;
    const patched = await emulator.send("PATCH", `${MODELS}/${id}`, {
      body: {
        name: "secretive",
        settings: { ...(model.settings as object), wandb: { project: "p", api_key: WANDB_KEY } },
      },
    });
    const got = await emulator.send("GET", `${MODELS}/${id}`);
    const listed = await emulator.send("GET", MODELS, { query: { api_key: WANDB_KEY, page_token: "" } });
    await emulator.send("GET", MODELS, { headers: { authorization: `Bearer ${WRONG_TOKEN}` } });
    await emulator.send("GET", MODELS, { query: { note: testApiKey } });
    const badWandb = await emulator.send("POST", MODELS, {
      body: {
        name: "x",
        settings: {
          base_model: { base_type: "BASE_TYPE_RERANK" },
          dataset_id: "d",
          wandb: { project: "p", api_key: WANDB_KEY },
        },
      },
    });
    expect(badWandb.status).toBe(400);

    for (const response of [patched, got, listed])
      expect(JSON.stringify(response.body)).not.toContain(WANDB_KEY);
    expect(model.settings).toMatchObject({ wandb: { project: "p" } });
    expect((model.settings as { wandb: object }).wandb).not.toHaveProperty("api_key");

    const logText = output.join("");
    expect(logText).toContain(`POST ${MODELS}`);
    expect(logText).toContain("finetuned model");
    const requestLog = JSON.stringify(
      (await emulator.send("GET", "/_emulator/requests", { auth: false })).body,
    );
    expect(requestLog).toContain(MODELS);
    for (const secret of [testApiKey, WANDB_KEY, WRONG_TOKEN]) {
      expect(logText).not.toContain(secret);
      expect(requestLog).not.toContain(secret);
    }
  });

  test("the state file does not keep the wandb api key either", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cohere-emulator-"));
    const withState = await startTestEmulator({ stateFile: join(dir, "state.json"), validationMs: 0 });
    try {
      await withState.chatModel("stored", { wandb: { project: "p", api_key: WANDB_KEY } });
      const state = readFileSync(join(dir, "state.json"), "utf8");
      expect(state).toContain("stored");
      expect(state).not.toContain(WANDB_KEY);
      expect(state).not.toContain(testApiKey);
    } finally {
      await withState.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
