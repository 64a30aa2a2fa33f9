/**
 * `npm run demo` as a newcomer runs it: `pulumi up` of the root project through Pulumi's CLI and language host
 * against the bundled emulator, its figures printed, then a preview with nothing left to do.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../../scripts/lib/pulumiCli";

const execFileAsync = promisify(execFile);

describe("npm run demo", () => {
  const stateDir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-demo-"));
  afterAll(() => fs.rmSync(stateDir, { recursive: true, force: true }));

  it("deploys the models of Pulumi.dev.yaml, prints their metrics and state figures, and ends with no change left", async () => {
    const stackFile = path.join(REPO_ROOT, "Pulumi.dev.yaml");
    const committed = fs.readFileSync(stackFile, "utf8");
    const { stdout } = await execFileAsync("npm", ["run", "-s", "demo", "--", "--destroy"], {
      cwd: REPO_ROOT,
      env: { ...process.env, COHERE_DEMO_STATE_DIR: stateDir, COHERE_EMULATOR_TRAINING_MS: "1500" },
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(stdout).toMatch(/support-bot\s+support-bot-[0-9a-f]{8}\s+STATUS_READY\s+\S+-ft\s+accuracy 0\.\d+/);
    expect(stdout).toContain("No changes: the deployed models match their spec.");
    const figures = [...stdout.matchAll(/^(support-\S+)\s+(\d+\.\d) KB\s+(\d+\.\d) KB$/gm)];
    expect(figures.map(([, name]) => name).sort()).toEqual([
      "support-bot",
      "support-bot-careful",
      "support-chat",
    ]);
    for (const [, , provider, state] of figures) {
      expect(Number(provider)).toBeLessThanOrEqual(3);
      expect(Number(state)).toBeLessThanOrEqual(10);
    }
    expect(fs.readFileSync(stackFile, "utf8")).toBe(committed);
  }, 600_000);
});
