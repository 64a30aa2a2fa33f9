/**
 * The README's behaviour table on the real engine, row by row: what a change between runs does, where the
 * provider's configuration comes from, drift noticed by refresh, and declarative stacks with resource options.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { modelsProgram, UserProject } from "./harness";
import { useEmulatorProjects } from "./harness/emulatorProjects";
import { testApiKey } from "../support/emulator";

const step = 300_000;
const modelsPath = /^\/v1\/finetuning\/finetuned-models$/;

describe("behaviours between runs", () => {
  const emulator = useEmulatorProjects({ trainingMs: 500 });
  const settings = (trainEpochs = 1) => ({
    baseModel: { baseType: "BASE_TYPE_CHAT" },
    datasetId: emulator.datasetId,
    hyperparameters: { trainEpochs },
  });
  const project = (program: string, env: Record<string, string> = {}) => emulator.project(program, { env });
  const modelOf = async (created: UserProject, name = "bot") =>
    ((await created.outputs()).models as Record<string, { id: string; name: string; status: string }>)[name];

  it(
    "a model renamed outside Pulumi: refresh shows the new name, the next up renames it back with one PATCH",
    async () => {
      const named = await project(
        modelsProgram({ bot: { args: { name: "declared-name", settings: settings() } } }),
      );
      await named.up();
      const { id } = await modelOf(named);
      await emulator.admin.api("PATCH", `/v1/finetuning/finetuned-models/${id}`, { name: "renamed-by-hand" });
      await named.refresh();
      const [recorded] = (await named.resources()).filter((r) => r.type.endsWith(":FinetunedModel"));
      expect(recorded.outputs).toMatchObject({ name: "renamed-by-hand" });
      await emulator.admin.clearRequests();
      expect((await named.up()).changes).toMatchObject({ update: 1 });
      const requests = await emulator.admin.requests();
      // The update's diff reads the API key once before it promises the rename (see credentialsCheck.ts).
      expect(requests.map((r) => `${r.method} ${r.path}`)).toEqual([
        "GET /v1/finetuning/finetuned-models",
        `PATCH /v1/finetuning/finetuned-models/${id}`,
      ]);
      expect((await emulator.admin.models())[0]).toMatchObject({ id, name: "declared-name" });
    },
    step,
  );

  it(
    "deleteBeforeReplace: true deletes the old model before training the new one",
    async () => {
      const ordered = (trainEpochs: number) =>
        modelsProgram({
          bot: { args: { settings: settings(trainEpochs) }, opts: { deleteBeforeReplace: true } },
        });
      const reversed = await project(ordered(1));
      await reversed.up();
      const old = await modelOf(reversed);
      reversed.writeFile("index.ts", ordered(2));
      await emulator.admin.clearRequests();
      expect((await reversed.up()).changes).toMatchObject({ replace: 1 });
      const requests = await emulator.admin.requests();
      const deleted = requests.findIndex((r) => r.method === "DELETE" && r.path.endsWith(old.id));
      const created = requests.findIndex((r) => r.method === "POST" && modelsPath.test(r.path));
      expect(deleted).toBeGreaterThanOrEqual(0);
      expect(created).toBeGreaterThan(deleted);
    },
    step,
  );

  it(
    "stack config wins over CO_API_KEY and CO_API_URL, and cohere:clientName reaches the wire",
    async () => {
      // The environment points at nothing useful; only the stack's config can make this work.
      const configured = await project(modelsProgram({ bot: { args: { settings: settings() } } }), {
        CO_API_KEY: "a-key-from-the-environment",
        CO_API_URL: "http://127.0.0.1:9",
      });
      await configured.setConfig("cohere:clientName", "my-team-pipeline");
      await emulator.admin.clearRequests();
      await configured.up();
      const requests = await emulator.admin.requests();
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((r) => r.client_name === "my-team-pipeline" && r.status === 200)).toBe(true);
    },
    step,
  );

  it(
    "without stack config, CO_API_KEY and CO_API_URL are used, with the package's client name",
    async () => {
      const fromEnv = await project(modelsProgram({ bot: { args: { settings: settings() } } }), {
        CO_API_KEY: testApiKey,
        CO_API_URL: emulator.url,
      });
      await fromEnv.removeConfig("cohere:apiKey");
      await fromEnv.removeConfig("cohere:baseUrl");
      await emulator.admin.clearRequests();
      await fromEnv.up();
      const requests = await emulator.admin.requests();
      expect(requests.length).toBeGreaterThan(0);
      expect(requests.every((r) => r.client_name === "pulumi-cohere-finetuning")).toBe(true);
    },
    step,
  );

  it(
    "drift: refresh records what Cohere reports, preview names the difference, up retrains; allowRetrain false stops it",
    async () => {
      const drifting = await project(modelsProgram({ bot: { args: { settings: settings(1) } } }));
      await drifting.up();
      const before = await modelOf(drifting);
      const [model] = await emulator.admin.models();
      await emulator.admin.replaceSettings(before.id, {
        ...model.settings,
        hyperparameters: { train_epochs: 3 },
      });

      const refreshed = await drifting.refresh();
      expect(refreshed.messages.join("\n")).toContain(
        "was trained otherwise than declared: settings.hyperparameters.trainEpochs is 3 at Cohere, 1 in the spec",
      );
      const previewed = await drifting.preview();
      expect(previewed.changes).toMatchObject({ replace: 1 });
      expect(previewed.messages.join("\n")).toMatch(
        /trained otherwise than declared .* a new training replaces it/,
      );

      await drifting.setConfig("cohere:allowRetrain", "false");
      expect(String(await drifting.preview().catch((error: Error) => error))).toMatch(
        /retraining is not allowed/,
      );
      await drifting.removeConfig("cohere:allowRetrain");

      await drifting.up();
      const after = await modelOf(drifting);
      expect(after.id).not.toBe(before.id);
      expect((await emulator.admin.models()).map((m) => m.id)).toEqual([after.id]);
    },
    step,
  );

  it(
    "a declarative stack sets resource options per entry: ignoreChanges, retainOnDelete, protect",
    async () => {
      const stackFile = (trainEpochs: number, protect: boolean) => `config:
  cohere-user-ts:models:
    steady:
      baseType: BASE_TYPE_CHAT
      datasetId: ${emulator.datasetId}
      hyperparameters:
        trainEpochs: ${trainEpochs}
      ignoreChanges: ["settings.hyperparameters"]
    kept:
      baseType: BASE_TYPE_CHAT
      datasetId: ${emulator.datasetId}
      retainOnDelete: true
      customTimeouts:
        create: 10m
    guarded:
      baseType: BASE_TYPE_CHAT
      datasetId: ${emulator.datasetId}
      protect: ${protect}
`;
      const declarative = await project(`import { declareStackFromConfig } from "pulumi-cohere-finetuning";
export = declareStackFromConfig();
`);
      const write = (trainEpochs: number, protect: boolean) =>
        declarative.writeFile(
          "Pulumi.test.yaml",
          declarativeStackConfig(declarative, stackFile(trainEpochs, protect)),
        );
      write(1, true);
      expect((await declarative.up()).changes).toEqual({ create: 4 });

      write(5, true);
      await emulator.admin.clearRequests();
      expect((await declarative.preview()).changes).toEqual({ same: 4 });
      expect(await emulator.admin.requests()).toEqual([]);

      const protectedPreview = declarative.pulumi(["destroy", "--preview-only"]);
      expect(String(await protectedPreview.catch((error: Error) => error))).toMatch(/protected/);
      write(5, false);
      await declarative.up();
      const kept = (await declarative.outputs()).models as Record<string, { id: string }>;
      await declarative.destroy();
      expect((await emulator.admin.models()).map((m) => m.id)).toEqual([kept.kept.id]);
    },
    step,
  );
});

/** The stack file: what `pulumi config set` wrote (the salt, the API key, the base URL), then the models. */
function declarativeStackConfig(project: UserProject, entries: string): string {
  const current = fs.readFileSync(path.join(project.dir, "Pulumi.test.yaml"), "utf8");
  const withoutModels = current.replace(/^ {2}cohere-user-ts:models:[\s\S]*/m, "");
  return `${withoutModels.trimEnd()}\n${entries.replace(/^config:\n/, "")}`;
}
