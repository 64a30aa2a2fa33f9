/**
 * `npm run demo`: `pulumi up` of the root project (the models of Pulumi.dev.yaml) through Pulumi's own CLI and
 * Node.js language host, against the bundled Cohere emulator; then a second preview that must show no change.
 *   --destroy     tear the stack down at the end
 *   --use-env     talk to the API in CO_API_KEY / CO_API_URL instead of starting the emulator
 * State lives in .pulumi-local/ (or COHERE_DEMO_STATE_DIR), so a second run is a no-op.
 */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { startEmulator } from "../emulator/index";
import { ensurePulumiCli, REPO_ROOT } from "./lib/pulumiCli";
import { PulumiProject } from "./lib/pulumiProject";
import { stateFigures } from "./lib/stateFigures";

const stateDir = process.env.COHERE_DEMO_STATE_DIR ?? path.join(REPO_ROOT, ".pulumi-local");
const demoApiKey = "demo-emulator-key";
/** The passphrase whose salt Pulumi.dev.yaml carries; the demo stack holds no secret of its own. */
const demoPassphrase = "demo";

interface ModelRow {
  name: string;
  status: string;
  inferenceModelName: string;
  trainingMetrics?: Record<string, number>;
}

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const emulator = args.has("--use-env")
    ? undefined
    : await startEmulator({
        port: Number(process.env.COHERE_EMULATOR_PORT ?? 0),
        apiKey: demoApiKey,
        trainingMs: Number(process.env.COHERE_EMULATOR_TRAINING_MS ?? 6000),
        stateFile: path.join(stateDir, "emulator-state.json"),
      });
  try {
    if (emulator) say(`Cohere emulator on ${emulator.url} (a training takes seconds here, hours at Cohere)`);
    const cli = await ensurePulumiCli({ log: say });
    say(
      `Pulumi CLI ${cli.version} at ${cli.binary}; local state in ${path.relative(REPO_ROOT, stateDir) || "."}/`,
    );
    say("Building the package (dist/), which the root program imports by its own name");
    execFileSync("npm", ["run", "-s", "build"], { cwd: REPO_ROOT, stdio: "inherit" });

    const project = new PulumiProject(REPO_ROOT, {
      ...process.env,
      ...cli.env,
      PULUMI_HOME: path.join(stateDir, "home"),
      PULUMI_CONFIG_PASSPHRASE: demoPassphrase,
      PULUMI_SKIP_UPDATE_CHECK: "true",
      ...(emulator
        ? {
            CO_API_KEY: demoApiKey,
            CO_API_URL: emulator.url,
            COHERE_POLL_INITIAL_MS: "500",
            COHERE_POLL_MAX_MS: "1000",
          }
        : {}),
    });
    const backend = path.join(stateDir, "state");
    fs.mkdirSync(backend, { recursive: true });
    await project.login(`file://${backend}`);
    await project.selectStack("dev");

    say("pulumi up --yes");
    await project.pulumi(["up", "--yes"], { inheritOutput: true });
    printModels((await project.outputs()).models as Record<string, ModelRow>);
    printStateFigures(await project.exportState());

    say("pulumi preview --expect-no-changes (nothing should be left to do)");
    await project.pulumi(["preview", "--expect-no-changes"], { inheritOutput: true });
    say("No changes: the deployed models match their spec.");

    if (args.has("--destroy")) {
      say("pulumi destroy --yes");
      await project.pulumi(["destroy", "--yes"], { inheritOutput: true });
    } else {
      say("Run `npm run demo -- --destroy` to tear the models down.");
    }
  } finally {
    await emulator?.close();
  }
}

function printModels(models: Record<string, ModelRow>): void {
  const rows = Object.entries(models).map(([key, m]) => [
    key,
    m.name,
    m.status,
    m.inferenceModelName,
    Object.entries(m.trainingMetrics ?? {})
      .map(([metric, value]) => `${metric} ${Number(value.toFixed(4))}`)
      .join(", "),
  ]);
  printTable(["resource", "name", "status", "inference model", "training metrics (last step)"], rows);
}

function printStateFigures(exported: string): void {
  const figures = stateFigures(exported);
  printTable(
    ["resource", "__provider", "state"],
    figures.map((figure) => [figure.name, kilobytes(figure.providerBytes), kilobytes(figure.stateBytes)]),
  );
}

function printTable(header: string[], rows: string[][]): void {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  rows.forEach((row) => console.log(line(row)));
  console.log();
}

function kilobytes(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function say(message: string): void {
  console.log(`\n== ${message}`);
}

main().catch((error: Error) => {
  console.error(`\ndemo failed: ${error.message}`);
  process.exit(1);
});
