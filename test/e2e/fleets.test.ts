/**
 * Fleets on the real engine: each training holds one of `--parallel`'s slots until READY, so a preview says when
 * an update starts more trainings than that, an `up` says when it sees them queuing, and a refresh reads the
 * fleet from listings. Both hosts: the package in a TypeScript project, and the plugin in a YAML one.
 */
import { modelsProgram, templates, yamlModelsProgram } from "./harness";
import { usePluginProjects, useEmulatorProjects } from "./harness/emulatorProjects";
import { countRequests, testApiKey } from "../support/emulator";

const step = 600_000;
const models = (datasetId: string, count: number) =>
  Object.fromEntries(
    Array.from({ length: count }, (_, i) => [
      `bot-${i}`,
      { args: { settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId } } },
    ]),
  );

describe("a fleet of trainings in a TypeScript project", () => {
  const emulator = useEmulatorProjects({ trainingMs: 6000 });

  it(
    "warns at preview and during up that 3 trainings wait for 2 slots, not with --parallel 3, and refreshes by listing",
    async () => {
      const project = await emulator.project(modelsProgram(models(emulator.datasetId, 3)));
      const preview = await project.pulumi(["preview", "--parallel", "2"]);
      expect(preview.stdout).toContain(
        "this update starts 3 trainings, but Pulumi runs at most 2 resource operations at once " +
          "(--parallel 2 as passed) and each training holds one until its model is READY: they would train in " +
          "2 waves. Run `pulumi up --parallel 3` (or set PULUMI_PARALLEL=3)",
      );
      const quiet = await project.pulumi(["preview", "--parallel", "3"]);
      expect(quiet.stdout).not.toContain("would train in");

      const up = await project.pulumi(["up", "--yes", "--skip-preview", "--parallel", "2"]);
      expect(up.stdout).toContain(
        "trainings are queuing for Pulumi's slots: 2 are running and at least 1 more is waiting, because Pulumi " +
          "runs at most 2 resource operations at once (--parallel) and each training holds one until READY: this " +
          "update trains in at least 2 waves",
      );
      const diagnostics = up.stdout.slice(up.stdout.indexOf("Diagnostics:"));
      expect((diagnostics.match(/trainings are queuing/g) ?? []).length).toBe(1);

      await emulator.admin.clearRequests();
      await project.pulumi(["refresh", "--yes", "--skip-preview"]);
      const requests = await emulator.admin.requests();
      expect(countRequests(requests, "GET", /finetuned-models\/[^/]+$/)).toBe(0);
      expect(countRequests(requests, "GET", /finetuned-models$/)).toBe(1);
    },
    step,
  );
});

describe("a fleet of trainings through the plugin, in Pulumi YAML", () => {
  const emulator = usePluginProjects({ trainingMs: 600 });

  it(
    "warns at preview that at least 3 trainings wait for 2 slots, as soon as the third is planned",
    async () => {
      const datasetId = await emulator.admin.createChatDataset();
      const project = await emulator.project(templates.example("yaml"), {
        files: { "Pulumi.yaml": yamlModelsProgram(datasetId, ["bot-0", "bot-1", "bot-2"]) },
      });
      await project.selectStack("dev");
      await project.setConfig("cohere:baseUrl", emulator.url);
      await project.setConfig("cohere:apiKey", testApiKey, { secret: true });
      const preview = await project.pulumi(["preview", "--parallel", "2"]);
      expect(preview.stdout).toMatch(
        /warning: this update starts at least 3 trainings, but Pulumi runs at most 2 resource operations at once \(--parallel 2 as passed\)/,
      );
    },
    step,
  );
});
