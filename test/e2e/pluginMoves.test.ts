/**
 * What the plugin adds over the dynamic resources, through the `pulumi` binary: `pulumi import` of a model made
 * outside Pulumi, printing the code that then previews with no change, and a stack made with the dynamic
 * resources moving to the plugin's without a training or a delete (the schema's aliases).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { builtPluginDir } from "../../scripts/lib/pluginDir";
import { countRequests, fastProviderEnv, testApiKey } from "../support/emulator";
import { emulatorProject, templates } from "./harness";
import { usePluginProjects } from "./harness/emulatorProjects";

const step = 600_000;
const pluginEntry = "plugins:\n  providers:\n    - name: cohere\n      path: ../../.cohere-plugin\n";
const emulator = usePluginProjects({ trainingMs: 300 });

describe("moving models under the plugin", () => {
  it(
    "imports a model made outside Pulumi: the printed code previews with no change and makes no call",
    async () => {
      const made = await emulator.server.chatModel("hand-made", { hyperparameters: { train_epochs: 2 } });
      const project = await emulator.project(templates.example("yaml"), {
        only: [],
        files: { "Pulumi.yaml": `name: cohere-import\nruntime: yaml\n${pluginEntry}` },
      });
      await project.selectStack("dev");
      await project.setConfig("cohere:baseUrl", emulator.url);
      await project.setConfig("cohere:apiKey", testApiKey, { secret: true });

      const imported = await project.pulumi([
        "import",
        "cohere:index:FinetunedModel",
        "adopted",
        String(made.id),
        "--yes",
        "--out",
        "imported.yaml",
      ]);
      expect(imported.stdout).toMatch(/adopted\s+imported/);
      const code = fs.readFileSync(path.join(project.dir, "imported.yaml"), "utf8");
      expect(code).toContain("type: cohere:FinetunedModel");
      expect(code).toContain("name: hand-made");
      expect(code).toMatch(/trainEpochs: 2/);
      fs.appendFileSync(
        path.join(project.dir, "Pulumi.yaml"),
        `\n${code.replace("protect: true", "protect: false")}\n`,
      );

      await emulator.admin.clearRequests();
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 2 });
      expect(await emulator.admin.requests()).toHaveLength(0);
      const [model] = (await project.resources()).filter(
        (resource) => resource.type === "cohere:index:FinetunedModel",
      );
      expect(model.id).toBe(made.id);
      expect(model.inputs).toEqual({
        name: "hand-made",
        settings: expect.objectContaining({ hyperparameters: { trainEpochs: 2 } }),
      });
    },
    step,
  );

  it(
    "imports a dataset by id: no change until its file is declared, which is then recorded without an upload",
    async () => {
      const datasetId = await emulator.admin.createChatDataset("hand-uploaded");
      const project = await emulator.project(templates.example("yaml"), {
        only: ["data"],
        files: { "Pulumi.yaml": `name: cohere-import-dataset\nruntime: yaml\n${pluginEntry}` },
      });
      await project.selectStack("dev");
      await project.setConfig("cohere:baseUrl", emulator.url);
      await project.setConfig("cohere:apiKey", testApiKey, { secret: true });
      await project.pulumi([
        "import",
        "cohere:index:Dataset",
        "chat",
        datasetId,
        "--yes",
        "--out",
        "imported.yaml",
      ]);
      const code = fs.readFileSync(path.join(project.dir, "imported.yaml"), "utf8");
      expect(code).toContain("type: cohere:Dataset");
      expect(code).toContain("type: chat-finetune-input");
      const manifest = path.join(project.dir, "Pulumi.yaml");
      fs.appendFileSync(manifest, `\n${code.replace("protect: true", "protect: false")}\n`);

      await emulator.admin.clearRequests();
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 2 });
      const declared = fs
        .readFileSync(manifest, "utf8")
        .replace(
          "type: chat-finetune-input",
          "type: chat-finetune-input\n      dataFile: data/support-chat.jsonl",
        );
      fs.writeFileSync(manifest, declared);
      expect((await project.up()).changes).toEqual({ update: 1, same: 1 });
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 2 });
      const requests = await emulator.admin.requests();
      expect(countRequests(requests, "POST", /./)).toBe(0);
      expect(countRequests(requests, "DELETE", /./)).toBe(0);
    },
    step,
  );

  it(
    "moves a stack made with the dynamic resources to the plugin's with 0 POST and 0 DELETE",
    async () => {
      const datasetFile = fs.readFileSync(path.join(templates.javascript, "data", "faq.jsonl"), "utf8");
      const project = emulator.track(
        await emulatorProject({
          emulatorUrl: emulator.url,
          apiKey: testApiKey,
          env: fastProviderEnv,
          files: {
            "data/faq.jsonl": datasetFile,
            "index.ts": `import { BaseType, Dataset, DatasetType, FinetunedModel } from "pulumi-cohere-finetuning";
const dataset = new Dataset("faq", { type: DatasetType.ChatFinetuneInput, dataFile: "data/faq.jsonl" });
const model = new FinetunedModel("faq-bot", {
  settings: { baseModel: { baseType: BaseType.Chat }, datasetId: dataset.id, hyperparameters: { trainEpochs: 1 } },
});
export const modelId = model.id;
`,
          },
        }),
      );
      await project.up();
      const before = await project.resources();
      const dynamicModel = before.find((resource) => resource.urn.endsWith("::faq-bot"))!;

      const name = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(project.dir, "Pulumi.yaml"), "utf8"))![1];
      project.writeFile(
        "Pulumi.yaml",
        `name: ${name}\nruntime: yaml\n${pluginEntry.replace("../../.cohere-plugin", await builtPluginDir())}
resources:
  faq:
    type: cohere:index:Dataset
    properties:
      type: chat-finetune-input
      dataFile: data/faq.jsonl
  faq-bot:
    type: cohere:index:FinetunedModel
    properties:
      settings:
        baseModel:
          baseType: BASE_TYPE_CHAT
        datasetId: \${faq.id}
        hyperparameters:
          trainEpochs: 1
outputs:
  modelId: \${faq-bot.id}
`,
      );
      await emulator.admin.clearRequests();
      const preview = await project.preview();
      expect(preview.changes).toEqual({ update: 2, same: 1 });
      await project.up();
      const requests = await emulator.admin.requests();
      expect(countRequests(requests, "POST", /./)).toBe(0);
      expect(countRequests(requests, "DELETE", /./)).toBe(0);
      const after = await project.resources();
      const model = after.find((resource) => resource.urn.endsWith("::faq-bot"))!;
      expect(model.type).toBe("cohere:index:FinetunedModel");
      expect(model.id).toBe(dynamicModel.id);
      expect(JSON.stringify(after)).not.toContain("__provider");
      // Without the dynamic provider's module text and the inputs it needed, the record is smaller.
      expect(JSON.stringify(model).length).toBeLessThan(JSON.stringify(dynamicModel).length);
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 3 });
    },
    step,
  );
});
