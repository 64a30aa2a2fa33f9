import * as fs from "node:fs";
import * as path from "node:path";
import type { Stack } from "@pulumi/pulumi/automation";
import * as ts from "typescript";
import { createThrowawayStack, REPO_ROOT, ThrowawayStack } from "../../scripts/lib/localStack";
import { ENGINE_SETUP_TIMEOUT_MS, ensureEngine } from "./harness";
import type { EmulatorAdmin } from "../../emulator/index";
import { startTestEmulator, emulatorConfig, fastProviderEnv } from "../support/emulator";

const step = 240_000;
const examplesDir = path.join(REPO_ROOT, "examples");

/**
 * Runs an example's own index.ts as the stack's program, afresh on every run as `pulumi` would. It is evaluated
 * with this file's `require`, so it shares the loaded provider modules: Pulumi's closure serializer recognises
 * `axios` and friends only as the instances it has seen loaded (a fresh module registry makes them unserializable).
 */
function exampleProgram(example: string) {
  const file = path.join(examplesDir, example, "index.ts");
  const compilerOptions = {
    module: ts.ModuleKind.CommonJS,
    target: ts.ScriptTarget.ES2022,
    esModuleInterop: true,
  };
  const code = ts.transpileModule(fs.readFileSync(file, "utf8"), { compilerOptions }).outputText;
  return async () => {
    const module = { exports: {} as Record<string, unknown> };
    new Function("require", "module", "exports", "__dirname", "__filename", code)(
      require,
      module,
      module.exports,
      path.dirname(file),
      file,
    );
    return module.exports;
  };
}

describe("the examples on the real Pulumi engine against the emulator", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  const stacks: ThrowawayStack[] = [];

  async function exampleStack(example: string, stackName: string): Promise<Stack> {
    const { cli } = await ensureEngine();
    const projectName = /^name:\s*(\S+)/m.exec(
      fs.readFileSync(path.join(examplesDir, example, "Pulumi.yaml"), "utf8"),
    )![1];
    const stackConfigFile = path.join(examplesDir, example, `Pulumi.${stackName}.yaml`);
    const throwaway = await createThrowawayStack({
      cli,
      program: exampleProgram(example),
      projectName,
      stackName,
      mainDir: path.join(examplesDir, example),
      stackConfigFile: fs.existsSync(stackConfigFile) ? stackConfigFile : undefined,
      config: emulatorConfig(emulator.url),
      env: fastProviderEnv,
      purpose: `example-${example}`,
    });
    stacks.push(throwaway);
    return throwaway.stack;
  }

  beforeAll(async () => {
    await ensureEngine();
    emulator = await startTestEmulator({ trainingMs: 800 });
    admin = emulator.admin;
  }, ENGINE_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await emulator?.close();
    await Promise.all(stacks.map((stack) => stack.cleanup()));
  });

  beforeEach(async () => admin.reset());

  it(
    "single-model previews one model to create, with zero API calls",
    async () => {
      const stack = await exampleStack("single-model", "dev");
      await stack.setConfig("datasetId", { value: await admin.createChatDataset() });
      await admin.clearRequests();
      const preview = await stack.preview();
      expect(preview.changeSummary).toEqual({ create: 2 });
      expect(await admin.requests()).toEqual([]);
    },
    step,
  );

  it(
    "dataset-to-model previews, then up trains a model on the uploaded file, and destroy removes both",
    async () => {
      const stack = await exampleStack("dataset-to-model", "dev");
      expect((await stack.preview()).changeSummary).toEqual({ create: 3 });
      const up = await stack.up();
      expect(up.outputs.status.value).toBe("STATUS_READY");
      expect(up.outputs.trainExamples.value).toBeGreaterThan(0);
      const [model] = await admin.models();
      expect(model.id).toBe(up.outputs.modelId.value);
      expect((await stack.preview()).changeSummary).toEqual({ same: 3 });
      await stack.destroy();
      expect(await admin.models()).toEqual([]);
      expect((await admin.api("GET", "/v1/datasets")).body.datasets).toEqual([]);
    },
    step,
  );

  it.each([
    ["stack-yaml", "dev", 5],
    ["gitops", "prod", 3],
  ])(
    "%s previews every model and dataset of its stack file",
    async (example, stackName, resources) => {
      const stack = await exampleStack(example, stackName);
      expect((await stack.preview()).changeSummary).toEqual({ create: resources });
    },
    step,
  );
});
