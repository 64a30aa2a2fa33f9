/**
 * The examples of every language that uses the provider plugin, run as their READMEs say: copied to a temp
 * directory, the plugin built from this checkout added (`plugins:` for YAML, `pulumi package add` for Python, Go
 * and TypeScript, which generates the local SDK), and the `pulumi` binary with that language's host against the
 * emulator: preview, up, a no-change preview, refresh and destroy, with neither key anywhere in state or output.
 */
import { testApiKey } from "../support/emulator";
import { templates } from "./harness";
import { usePluginProjects } from "./harness/emulatorProjects";

const step = 900_000;
const wandbKey = "wandb-key-plugin-never-in-state-3";
const emulator = usePluginProjects({ trainingMs: 600 }, step);

describe("the plugin's examples: Pulumi YAML, Python, Go and TypeScript", () => {
  it.each(["yaml", "python", "go", "typescript-sdk"])(
    "examples/%s: preview, up, no-change preview, refresh, destroy",
    async (language) => {
      const project = await emulator.project(templates.example(language));
      await project.selectStack("dev");
      await project.setConfig("cohereBaseUrl", emulator.url);
      await project.setConfig("cohereApiKey", testApiKey, { secret: true });
      await project.setConfig("wandbApiKey", wandbKey, { secret: true });

      expect((await project.preview()).changes).toEqual({ create: 5 });
      // At the engine's most verbose: every gRPC payload it logs is searched for the keys below.
      expect((await project.up({ flags: ["-v=9", "--logtostderr", "--debug"] })).changes).toEqual({
        create: 5,
      });
      const models = await emulator.admin.models();
      expect(models.map((model) => model.status)).toEqual(["STATUS_READY", "STATUS_READY"]);
      expect(models.map((model) => model.name)).toContain("triage-bot");
      const outputs = await project.outputs();
      expect(outputs.supportBotInferenceModel).toMatch(/^[0-9a-f-]{36}-ft$/);
      expect(outputs.supportBotAccuracy).toEqual(expect.any(Number));

      await emulator.admin.clearRequests();
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 5 });
      expect(await emulator.admin.requests()).toHaveLength(0);
      expect((await project.refresh()).changes).toEqual({ same: 5 });
      expect((await project.preview({ expectNoChanges: true })).changes).toEqual({ same: 5 });

      const state = await project.exportState();
      expect(state).toContain("ciphertext");
      expect(state).not.toContain(testApiKey);
      expect(state).not.toContain(wandbKey);
      expect((await project.destroy()).changes).toEqual({ delete: 5 });
      expect(await emulator.admin.models()).toHaveLength(0);
      expect(project.output()).not.toContain(testApiKey);
      expect(project.output()).not.toContain(wandbKey);
    },
    step,
  );
});
