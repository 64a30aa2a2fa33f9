import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { captureOutput, createTestStack, ENGINE_SETUP_TIMEOUT_MS, ensureEngine, TestStack } from "./harness";

const SECRET = "smoke-secret-plain-text";

/**
 * Journals each call to the file named by SMOKE_JOURNAL, which proves the provider
 * ran in the plugin process and saw both the stack's environment and its config.
 */
const echoProvider: pulumi.dynamic.ResourceProvider = {
  async configure(req) {
    fs.appendFileSync(process.env.SMOKE_JOURNAL!, `configure ${req.config.get("smoke:greeting")}\n`);
  },
  async create(inputs) {
    fs.appendFileSync(process.env.SMOKE_JOURNAL!, `create ${inputs.label}\n`);
    return { id: `echo-${inputs.label}`, outs: inputs };
  },
  async diff(_id, olds, news) {
    return { changes: olds.label !== news.label || olds.token !== news.token };
  },
  async delete(id) {
    fs.appendFileSync(process.env.SMOKE_JOURNAL!, `delete ${id}\n`);
  },
};

class Echo extends pulumi.dynamic.Resource {
  // `declare`: a plain field would reset the output the base constructor sets (ES2022 class fields).
  declare readonly label: pulumi.Output<string>;

  constructor(name: string, args: { label: string; token: pulumi.Input<string> }) {
    super(echoProvider, name, { label: args.label, token: args.token }, {}, "smoke", "Echo");
  }
}

describe("Pulumi engine end to end", () => {
  const journalDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-smoke-"));
  const journal = path.join(journalDir, "journal.log");
  const journalLines = () => fs.readFileSync(journal, "utf8").trim().split("\n");
  let testStack: TestStack;

  beforeAll(async () => {
    await ensureEngine();
    testStack = await createTestStack({
      program: async () => {
        const token = new pulumi.Config("smoke").requireSecret("token");
        const echo = new Echo("echo", { label: "hello", token });
        return { label: echo.label };
      },
      config: { "smoke:greeting": { value: "hi" }, "smoke:token": { value: SECRET, secret: true } },
      env: { SMOKE_JOURNAL: journal },
    });
  }, ENGINE_SETUP_TIMEOUT_MS);

  afterAll(async () => {
    await testStack?.cleanup();
    fs.rmSync(journalDir, { recursive: true, force: true });
  });

  it("creates the dynamic resource on up", async () => {
    const output = captureOutput();
    const result = await testStack.stack.up({ onOutput: output.onOutput });

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toMatchObject({ create: 2 });
    expect(result.outputs.label.value).toBe("hello");
    expect(output.text()).toContain("smoke:Echo");
    expect(journalLines()).toEqual(["configure hi", "create hello"]);
  }, 120_000);

  it("keeps the secret input encrypted in state", async () => {
    const state = await testStack.exportState();

    expect(state).toContain("pulumi-nodejs:dynamic/smoke:Echo");
    expect(state).toContain("ciphertext");
    expect(state).not.toContain(SECRET);
  });

  it("previews no changes on a second run", async () => {
    const result = await testStack.stack.preview();

    expect(result.changeSummary).toEqual({ same: 2 });
  }, 120_000);

  it("refreshes without changes", async () => {
    const result = await testStack.stack.refresh();

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toEqual({ same: 2 });
  }, 120_000);

  it("deletes the resource on destroy", async () => {
    const result = await testStack.stack.destroy();

    expect(result.summary.result).toBe("succeeded");
    expect(result.summary.resourceChanges).toMatchObject({ delete: 2 });
    expect(journalLines()).toContain("delete echo-hello");
    expect(await testStack.exportState()).not.toContain("smoke:Echo");
  }, 120_000);
});
