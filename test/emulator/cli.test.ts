import type { ChildProcessWithoutNullStreams } from "node:child_process";
import { EmulatorAdmin } from "../../emulator/index";
import { launchEmulatorProcess as launch } from "../../scripts/lib/emulatorProcess";

function exitCode(child: ChildProcessWithoutNullStreams, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    child.once("exit", (code) => resolve(code));
    child.kill(signal);
  });
}

describe("emulator/cli.ts", () => {
  test("--port 0 picks a free port, prints the URL, honours --api-key and exits cleanly on SIGTERM", async () => {
    const { child, url } = await launch([
      "--port",
      "0",
      "--api-key",
      "cli-key",
      "--training-ms",
      "1000",
      "--quiet",
    ]);
    const ok = await fetch(`${url}/v1/finetuning/finetuned-models`, {
      headers: { authorization: "Bearer cli-key" },
    });
    expect(ok.status).toBe(200);
    const denied = await fetch(`${url}/v1/finetuning/finetuned-models`, {
      headers: { authorization: "Bearer emulator-key" },
    });
    expect(denied.status).toBe(401);
    expect(await exitCode(child, "SIGTERM")).toBe(0);
  }, 20_000);

  test("environment variables configure it too, and SIGINT also exits cleanly", async () => {
    const { child, url } = await launch([], {
      COHERE_EMULATOR_PORT: "0",
      COHERE_EMULATOR_API_KEY: "env-key",
    });
    const ok = await fetch(`${url}/v1/datasets/usage`, { headers: { authorization: "Bearer env-key" } });
    expect(await ok.json()).toEqual({ organization_usage: 0 });
    expect(await exitCode(child, "SIGINT")).toBe(0);
  }, 20_000);

  test("--queued-fraction and --deploying-fraction split the training time", async () => {
    const { child, url } = await launch([
      "--api-key",
      "cli-key",
      "--training-ms",
      "100000",
      "--validation-ms",
      "0",
      "--queued-fraction",
      "0.3",
      "--deploying-fraction",
      "0.1",
      "--quiet",
    ]);
    const admin = new EmulatorAdmin(url, "cli-key");
    const datasetId = await admin.createChatDataset();
    const created = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: "split",
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
    });
    const model = created.body.finetuned_model as { id: string; created_at: string };
    await admin.advanceClock(100_000);
    const { body } = await admin.api("GET", `/v1/finetuning/finetuned-models/${model.id}/events`);
    const offsets = (body.events as { created_at: string }[]).map(
      (event) => Date.parse(event.created_at) - Date.parse(model.created_at),
    );
    expect(offsets).toEqual([0, 30_000, 90_000, 100_000]);
    expect(await exitCode(child, "SIGTERM")).toBe(0);
  }, 20_000);
});
