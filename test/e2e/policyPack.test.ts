/**
 * The `cohere-policies` pack as a platform team runs it: built by `npm run policy-pack`'s code into a temp directory
 * and given to `pulumi preview --policy-pack <dir> --policy-pack-config <file>` in a Pulumi YAML and a Python
 * project (the plugin) and a TypeScript one (the dynamic resources), against the emulator. Each preview combines
 * several policies' configs.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildPolicyPackDir } from "../../scripts/lib/policyPackDir";
import { testApiKey, fastProviderEnv } from "../support/emulator";
import { emulatorProject, modelsProgram, templates, UserProject } from "./harness";
import { commandFailure, usePluginProjects } from "./harness/emulatorProjects";

const step = 600_000;
const wandbKey = "wandb-key-policy-pack-0123456789abcdef";
const emulator = usePluginProjects({ trainingMs: 600 }, step);
let packDir = "";

beforeAll(async () => {
  packDir = await buildPolicyPackDir(fs.mkdtempSync(path.join(os.tmpdir(), "cohere-policies-")));
}, step);
afterAll(() => fs.rmSync(packDir, { recursive: true, force: true }));

/** `pulumi preview` with the pack and this policy config; its whole output (a failed one's from the error). */
async function previewWithPolicies(project: UserProject, config?: Record<string, unknown>): Promise<string> {
  const flags = ["--policy-pack", packDir];
  if (config) {
    project.writeFile("policy-config.json", JSON.stringify(config));
    flags.push("--policy-pack-config", "policy-config.json");
  }
  const run = await project.pulumi(["preview", ...flags]);
  return run.stdout + run.stderr;
}

/**
 * A preview the pack fails: its output. The engine still checks every resource with its provider, so the only
 * calls to Cohere are the preview's own reads (README, "Checked with Cohere"): the API key once, each named
 * dataset once. Nothing is uploaded, trained or changed.
 */
async function failedPreviewWithPolicies(
  project: UserProject,
  config?: Record<string, unknown>,
): Promise<string> {
  const message = await commandFailure(previewWithPolicies(project, config));
  const requests = (await emulator.admin.requests()).map((request) => `${request.method} ${request.path}`);
  const previewReads = /^GET \/v1\/(finetuning\/finetuned-models|datasets\/[\w-]+)$/;
  expect(requests.filter((request) => !previewReads.test(request))).toEqual([]);
  expect(new Set(requests).size).toBe(requests.length);
  return message;
}

/** The violations the output lists (`- [mandatory]  <policy>  (<type>: <resource>)`), as `<level> <policy> <resource>`. */
function violations(output: string): string[] {
  const found = output.matchAll(/\[(mandatory|advisory)\]\s+(cohere-[\w-]+)\s+\(.*: ([\w-]+)\)/g);
  return [...found].map(([, level, policy, resource]) => `${level} ${policy} ${resource}`).sort();
}

async function examplePluginProject(language: string, stack: string): Promise<UserProject> {
  const project = await emulator.project(templates.example(language));
  await project.selectStack(stack);
  await project.setConfig("cohereBaseUrl", emulator.url);
  await project.setConfig("cohereApiKey", testApiKey, { secret: true });
  return project;
}

describe("the cohere-policies pack in pulumi preview", () => {
  it(
    "Pulumi YAML: mandatory violations fail the preview, nothing sent to Cohere; advisory ones warn; bad config is refused",
    async () => {
      const project = await examplePluginProject("yaml", "prod");
      await project.setConfig("wandbApiKey", wandbKey, { secret: true });
      await emulator.admin.clearRequests();

      const failed = await failedPreviewWithPolicies(project, {
        "cohere-max-epochs": { maxEpochs: 1 },
        "cohere-allowed-base-types": { allowed: ["BASE_TYPE_RERANK"] },
        // triage-bot allows retraining itself; support-bot inherits the explicit provider's allowRetrain: false.
        "cohere-retrain-guard": { stacks: "^prod$" },
        "cohere-quality-gate-required": { minAccuracy: 0.7 },
        "cohere-training-budget-required": "disabled",
      });
      expect(violations(failed)).toEqual([
        "advisory cohere-quality-gate-required support-bot",
        "advisory cohere-quality-gate-required triage-bot",
        "mandatory cohere-allowed-base-types support-bot",
        "mandatory cohere-allowed-base-types support-chat",
        "mandatory cohere-allowed-base-types triage-bot",
        "mandatory cohere-max-epochs triage-bot",
        "mandatory cohere-retrain-guard triage-bot",
      ]);

      const passed = await previewWithPolicies(project, {
        "cohere-max-epochs": { enforcementLevel: "advisory", maxEpochs: 1 },
        "cohere-retrain-guard": { stacks: "^staging$" },
        "cohere-quality-gate-required": "disabled",
        "cohere-training-budget-required": "disabled",
      });
      expect(violations(passed)).toEqual(["advisory cohere-max-epochs triage-bot"]);
      expect(failed + passed).not.toContain(wandbKey);

      const refused = await commandFailure(
        previewWithPolicies(project, {
          "cohere-max-epochs": { maxEpochs: 0 },
          "cohere-allowed-base-types": { allowed: ["BASE_TYPE_GENERATIVE"] },
        }),
      );
      expect(refused).toMatch(/cohere-max-epochs[^\n]*maxEpochs/);
      expect(refused).toMatch(/cohere-allowed-base-types[^\n]*allowed/);
    },
    step,
  );

  it(
    "Python: the defaults flag a W&B key kept in clear in stack config and a retrainable model on production",
    async () => {
      const project = await examplePluginProject("python", "production");
      // Not --secret: the key sits in clear in Pulumi.production.yaml, although the program reads it as a secret.
      await project.setConfig("wandbApiKey", wandbKey);
      await emulator.admin.clearRequests();

      const failed = await failedPreviewWithPolicies(project);
      expect(violations(failed)).toEqual([
        "advisory cohere-quality-gate-required triage-bot",
        "advisory cohere-training-budget-required support-bot",
        "advisory cohere-training-budget-required triage-bot",
        "mandatory cohere-retrain-guard triage-bot",
        "mandatory cohere-wandb-key-secret support-bot",
      ]);
    },
    step,
  );

  it(
    "TypeScript (dynamic resources): each policy's config, the stack's cohere:* config and secret W&B keys",
    async () => {
      const datasetId = await emulator.admin.createChatDataset();
      const chat = (trainEpochs: number) => ({
        baseModel: { baseType: "BASE_TYPE_CHAT" },
        datasetId,
        hyperparameters: { trainEpochs },
      });
      const wandb = (configKey: string) => ({ project: "policies", apiKey: `secret:${configKey}` });
      const project = emulator.track(
        await emulatorProject({
          emulatorUrl: emulator.url,
          apiKey: testApiKey,
          env: fastProviderEnv,
          stack: "prod-eu",
          program: modelsProgram({
            // Bounded and guarded by the stack's cohere:maxTrainingTokens and cohere:allowRetrain.
            alpha: { args: { settings: chat(2), qualityGate: { minAccuracy: 0.5 } } },
            beta: { args: { settings: chat(1), allowRetrain: true, maxTrainingTokens: 900_000 } },
            gamma: { args: { settings: { ...chat(1), wandb: wandb("secretWandbKey") } } },
            delta: { args: { settings: { ...chat(1), wandb: wandb("plainWandbKey") } } },
          }),
        }),
      );
      await project.setConfig("cohere:allowRetrain", "false");
      await project.setConfig("cohere:maxTrainingTokens", "100000");
      await project.setConfig("secretWandbKey", `${wandbKey}-secret`, { secret: true });
      await project.setConfig("plainWandbKey", `${wandbKey}-plain`);
      await emulator.admin.clearRequests();

      const failed = await failedPreviewWithPolicies(project, {
        "cohere-max-epochs": { maxEpochs: 1 },
        "cohere-allowed-base-types": { allowed: ["BASE_TYPE_CHAT"] },
        "cohere-retrain-guard": { stacks: "^prod-" },
        "cohere-quality-gate-required": "disabled",
        "cohere-training-budget-required": { enforcementLevel: "mandatory", maxTrainingTokens: 500_000 },
      });
      expect(violations(failed)).toEqual([
        "mandatory cohere-max-epochs alpha",
        "mandatory cohere-retrain-guard beta",
        "mandatory cohere-training-budget-required beta",
        "mandatory cohere-wandb-key-secret delta",
      ]);
      expect(failed).not.toContain(wandbKey);
    },
    step,
  );
});
