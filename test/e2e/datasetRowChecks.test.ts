/**
 * A dataset file Cohere would refuse fails `pulumi preview`, naming the file, the line and the fix, before any
 * upload: through the dynamic resources (TypeScript) and through the plugin (Pulumi YAML, Python), one preview a
 * case.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { classificationRows, countRequests, fastProviderEnv, jsonl, testApiKey } from "../support/emulator";
import { emulatorProject, templates, UserProject } from "./harness";
import { commandFailure, usePluginProjects } from "./harness/emulatorProjects";

const step = 600_000;
const emulator = usePluginProjects({ trainingMs: 600 }, step);

const openAiChat = jsonl(
  ["password", "invoice"].map((topic) => ({
    messages: [
      { role: "user", content: `Where do I change my ${topic}?` },
      { role: "assistant", content: "Under Settings." },
    ],
  })),
);
const openAiFailure =
  /dataFile "data\/support-chat\.jsonl" line 1: messages\[0\]\.role is "user": Cohere's roles are System, User, Chatbot, so write "User" \(OpenAI's chat format maps system to System, user to User, assistant to Chatbot\)/;
/** 45 examples, but only 3 of the label "rare". */
const scarceLabel = jsonl([
  ...classificationRows(6, ["a", "b", "c", "d", "e", "f", "g"]),
  ...classificationRows(3, ["rare"]),
]);
const scarceLabelFailure =
  /dataFile "data\/support-chat\.jsonl" has too few examples of label "rare" \(3\): Cohere needs at least 5 of each label/;

async function failedPreview(project: UserProject): Promise<string> {
  await emulator.admin.clearRequests();
  const message = await commandFailure(project.preview());
  expect(countRequests(await emulator.admin.requests(), "POST", /^\/v1\/datasets$/)).toBe(0);
  return message;
}

async function pluginExample(language: string, files: Record<string, string>): Promise<UserProject> {
  const project = await emulator.project(templates.example(language), { files });
  await project.selectStack("dev");
  await project.setConfig("cohereBaseUrl", emulator.url);
  await project.setConfig("cohereApiKey", testApiKey, { secret: true });
  await project.setConfig("wandbApiKey", "wandb-key-row-checks", { secret: true });
  return project;
}

describe("dataset files Cohere would refuse fail the preview, before any upload", () => {
  it(
    "TypeScript (dynamic resources): an OpenAI-format chat file, then a label with too few examples",
    async () => {
      const program = `import * as pulumi from "@pulumi/pulumi";
import { Dataset, DatasetType } from "pulumi-cohere-finetuning";

const config = new pulumi.Config();
new Dataset("support-chat", { type: config.require("type") as DatasetType, dataFile: "data/support-chat.jsonl" });
`;
      const project = emulator.track(
        await emulatorProject({
          emulatorUrl: emulator.url,
          apiKey: testApiKey,
          program,
          files: { "data/support-chat.jsonl": openAiChat },
          env: fastProviderEnv,
        }),
      );
      await project.setConfig("type", "chat-finetune-input");
      expect(await failedPreview(project)).toMatch(openAiFailure);

      project.writeFile("data/support-chat.jsonl", scarceLabel);
      await project.setConfig("type", "single-label-classification-finetune-input");
      expect(await failedPreview(project)).toMatch(scarceLabelFailure);
    },
    step,
  );

  it(
    "Pulumi YAML (plugin): an OpenAI-format chat file, then a label with too few examples",
    async () => {
      const project = await pluginExample("yaml", { "data/support-chat.jsonl": openAiChat });
      expect(await failedPreview(project)).toMatch(openAiFailure);

      project.writeFile("data/support-chat.jsonl", scarceLabel);
      const manifest = path.join(project.dir, "Pulumi.yaml");
      const declared = fs.readFileSync(manifest, "utf8");
      expect(declared).toContain("type: chat-finetune-input");
      fs.writeFileSync(
        manifest,
        declared.replace("type: chat-finetune-input", "type: single-label-classification-finetune-input"),
      );
      expect(await failedPreview(project)).toMatch(scarceLabelFailure);
    },
    step,
  );

  it(
    "Python (plugin): an OpenAI-format chat file",
    async () => {
      const project = await pluginExample("python", { "data/support-chat.jsonl": openAiChat });
      expect(await failedPreview(project)).toMatch(openAiFailure);
    },
    step,
  );
});
