/**
 * A declarative stack's model written the way users and GitOps jobs write config: `pulumi config set --path`, which
 * stores a decimal such as 0.001 as the string "0.001" (whole numbers and true/false it stores typed). The stack
 * spec takes those strings where it expects numbers and booleans, and still refuses one that is neither.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import type { EmulatorAdmin } from "../../emulator/index";
import { templates, UserProject, userProject } from "./harness";
import { countRequests, fastProviderEnv, startTestEmulator, testApiKey } from "../support/emulator";

const step = 600_000;
const models = "cohere-stack-yaml:models";

describe("examples/stack-yaml: a model declared with `pulumi config set --path`", () => {
  let emulator: Awaited<ReturnType<typeof startTestEmulator>>;
  let admin: EmulatorAdmin;
  let project: UserProject;
  const setPath = (key: string, value: string) =>
    project.setConfig(`${models}.${key}`, value, { path: true });

  beforeAll(async () => {
    emulator = await startTestEmulator({ trainingMs: 600 });
    admin = emulator.admin;
    project = await userProject({ template: templates.example("stack-yaml"), env: fastProviderEnv });
    await project.selectStack("dev");
    await project.setConfig("cohere:baseUrl", emulator.url);
    await project.setConfig("cohere:apiKey", testApiKey, { secret: true });
    // The example's own models make way for one the user declares from the shell.
    await project.removeConfig(models);
    await setPath("bot.baseType", "BASE_TYPE_CHAT");
    await setPath("bot.dataset", "faq");
  }, step);

  afterAll(async () => {
    await project?.cleanup();
    await emulator?.close();
  }, step);

  it(
    'refuses learningRate "abc" at preview, naming its config path, before any request is sent',
    async () => {
      await setPath("bot.hyperparameters.learningRate", "abc");
      const failure = await project.preview().catch((error: Error) => error);
      expect(String(failure)).toContain(
        `${models}.bot.hyperparameters.learningRate must be a number, got "abc"`,
      );
      expect(countRequests(await admin.requests(), "POST", /./)).toBe(0);
    },
    step,
  );

  it(
    "accepts the numbers and booleans it stores, and trains with those hyperparameters",
    async () => {
      await setPath("bot.hyperparameters.learningRate", "0.001");
      await setPath("bot.hyperparameters.trainEpochs", "2");
      await setPath("bot.allowRetrain", "true");
      // What the CLI stored: the decimal as a string, the whole number and the boolean typed.
      const stackFile = fs.readFileSync(path.join(project.dir, "Pulumi.dev.yaml"), "utf8");
      expect(stackFile).toContain('learningRate: "0.001"');
      expect(stackFile).toContain("trainEpochs: 2\n");
      expect(stackFile).toContain("allowRetrain: true\n");

      expect((await project.preview()).changes).toEqual({ create: 3 });
      expect((await project.up()).changes).toEqual({ create: 3 });
      const [model] = await admin.models();
      expect(model.settings.hyperparameters).toMatchObject({ learning_rate: 0.001, train_epochs: 2 });
      const state = (await project.resources()).find((resource) => resource.urn.endsWith("::bot"));
      expect(state?.inputs).toMatchObject({ allowRetrain: true });
    },
    step,
  );
});
