/**
 * Every kind of project a user has, run the way they run it: the project copied to a temp directory, the package
 * installed from `npm pack` of this checkout, and the `pulumi` binary with Pulumi's Node.js language host driving
 * preview, up, a no-change preview, refresh and destroy against the emulator.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorAdmin } from "../../emulator/index";
import { REPO_ROOT } from "../../scripts/lib/pulumiCli";
import { stateFigures } from "../../scripts/lib/stateFigures";
import { templates, UserProject, userProject } from "./harness";
import { startTestEmulator, testApiKey, fastProviderEnv } from "../support/emulator";

const step = 600_000;

interface Case {
  title: string;
  template: string;
  stack: string;
  /** Resources `up` creates, the stack included. */
  resources: number;
  files?: Record<string, string>;
  /** Top-level entries of the template to copy (all when omitted). */
  only?: string[];
  env?: Record<string, string>;
  config?: (admin: EmulatorAdmin) => Promise<Record<string, string>>;
}

const typescriptProgram = `import * as path from "path";
import { BaseType, Dataset, DatasetType, FinetunedModel } from "pulumi-cohere-finetuning";

const dataset = new Dataset("faq", {
  type: DatasetType.ChatFinetuneInput,
  dataFile: path.join(__dirname, "data", "faq.jsonl"),
});
const model = new FinetunedModel("faq-bot", {
  settings: { baseModel: { baseType: BaseType.Chat }, datasetId: dataset.id, hyperparameters: { trainEpochs: 2 } },
});

export const modelId = model.id;
export const status = model.status;
`;

const rootProjectFiles = {
  "package.json": JSON.stringify({
    name: "cohere-models",
    main: "program/index.ts",
    devDependencies: { "@types/node": "^22.0.0", typescript: "~5.9.3" },
    dependencies: { "@pulumi/pulumi": "^3.276.0" },
  }),
  "tsconfig.json": JSON.stringify({
    compilerOptions: { strict: true, target: "es2020", module: "commonjs", moduleResolution: "node" },
    files: ["program/index.ts"],
  }),
};

const cases: Case[] = [
  {
    title: "the root project (models from Pulumi.dev.yaml)",
    template: REPO_ROOT,
    only: ["Pulumi.yaml", "Pulumi.dev.yaml", "program", "data"],
    files: rootProjectFiles,
    // The passphrase whose salt Pulumi.dev.yaml carries, as the README says.
    env: { PULUMI_CONFIG_PASSPHRASE: "demo" },
    stack: "dev",
    resources: 4,
  },
  {
    title: "a TypeScript project laid out like `pulumi new typescript`",
    template: templates.typescript,
    files: {
      "index.ts": typescriptProgram,
      "data/faq.jsonl": fs.readFileSync(path.join(templates.javascript, "data", "faq.jsonl"), "utf8"),
    },
    stack: "dev",
    resources: 3,
  },
  {
    title: "a JavaScript project with no TypeScript anywhere",
    template: templates.javascript,
    stack: "dev",
    resources: 3,
  },
  {
    title: "examples/single-model",
    template: templates.example("single-model"),
    stack: "dev",
    resources: 2,
    config: async (admin) => ({ datasetId: await admin.createChatDataset() }),
  },
  {
    title: "examples/dataset-to-model",
    template: templates.example("dataset-to-model"),
    stack: "dev",
    resources: 3,
  },
  { title: "examples/stack-yaml", template: templates.example("stack-yaml"), stack: "dev", resources: 5 },
  { title: "examples/gitops", template: templates.example("gitops"), stack: "prod", resources: 3 },
];

describe("projects as users run them: packed package, `pulumi` binary, language host", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  const projects: UserProject[] = [];

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 600 });
    admin = emulator.admin;
  });

  // Removing seven projects' node_modules takes seconds, more on a busy machine.
  afterAll(async () => {
    await emulator?.close();
    await Promise.all(projects.map((project) => project.cleanup()));
  }, step);

  beforeEach(() => admin.reset());

  it.each(cases)(
    "$title: preview, up, no-change preview, refresh, destroy",
    async ({ template, only, files, stack, resources, config, env }) => {
      const project = await userProject({ template, only, files, env: { ...fastProviderEnv, ...env } });
      projects.push(project);
      await project.selectStack(stack);
      await project.setConfig("cohere:baseUrl", emulator.url);
      await project.setConfig("cohere:apiKey", testApiKey, { secret: true });
      for (const [key, value] of Object.entries((await config?.(admin)) ?? {}))
        await project.setConfig(key, value);
      const modelsBefore = (await admin.models()).length;
      // The provider's install holds what the provider needs: not the emulator's server.
      const installed = await project.run("npm", ["ls", "--omit=dev", "--all", "--parseable"]);
      expect(installed.stdout).toContain("pulumi-cohere-finetuning");
      expect(installed.stdout).not.toMatch(/fastify/);

      expect((await project.preview()).changes).toEqual({ create: resources });
      expect((await project.up()).changes).toEqual({ create: resources });
      const models = await admin.models();
      expect(models.length).toBeGreaterThan(modelsBefore);
      expect(models.every((model) => model.status === "STATUS_READY")).toBe(true);

      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: resources });
      expect((await project.refresh()).changes).toEqual({ same: resources });

      const state = await project.exportState();
      expect(state).toContain("ciphertext");
      expect(state).not.toContain(testApiKey);
      for (const figure of stateFigures(state)) {
        expect(figure.providerBytes).toBeLessThanOrEqual(3 * 1024);
        expect(figure.stateBytes).toBeLessThanOrEqual(10 * 1024);
      }

      expect((await project.destroy()).changes).toEqual({ delete: resources });
      expect(await admin.models()).toHaveLength(modelsBefore);
      expect(project.output()).not.toContain(testApiKey);
    },
    step,
  );
});
