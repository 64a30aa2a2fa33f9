/**
 * `npm run demo`: the root project's models (Pulumi.dev.yaml) deployed by the real Pulumi engine against the
 * bundled Cohere emulator, then a second preview that shows nothing left to change.
 *   --destroy     tear the stack down at the end
 *   --use-env     talk to the API in CO_API_KEY / CO_API_URL instead of starting the emulator
 */
import * as path from "node:path";
import { startEmulator } from "../emulator/index";
import { declareStackFromConfig } from "../provider";
import { ensurePulumiCli } from "./lib/pulumiCli";
import { createLocalStack, REPO_ROOT } from "./lib/localStack";

const stateDir = path.join(REPO_ROOT, ".pulumi-local");
const demoApiKey = "demo-emulator-key";

async function main(): Promise<void> {
  const args = new Set(process.argv.slice(2));
  const useEnv = args.has("--use-env");
  const emulator = useEnv
    ? undefined
    : await startEmulator({
        port: Number(process.env.COHERE_EMULATOR_PORT ?? 0),
        apiKey: demoApiKey,
        trainingMs: Number(process.env.COHERE_EMULATOR_TRAINING_MS ?? 6000),
        stateFile: path.join(stateDir, "emulator-state.json"),
      });
  try {
    if (emulator)
      say(
        `Cohere emulator listening on ${emulator.url} (trainings take a few seconds here, hours at Cohere)`,
      );
    const cli = await ensurePulumiCli({ log: say });
    say(`Pulumi CLI ${cli.version} at ${cli.binary}; local state in .pulumi-local/`);
    const connection: Record<string, string> = emulator
      ? {
          CO_API_KEY: demoApiKey,
          CO_API_URL: emulator.url,
          COHERE_POLL_INITIAL_MS: "500",
          COHERE_POLL_MAX_MS: "1000",
        }
      : {};
    const { stack } = await createLocalStack({
      cli,
      program: async () => declareStackFromConfig({ namespace: "cohere-models", baseDir: REPO_ROOT }),
      projectName: "cohere-models",
      stackName: "dev",
      dir: stateDir,
      stackConfigFile: path.join(REPO_ROOT, "Pulumi.dev.yaml"),
      passphrase: "demo",
      env: connection,
    });
    const print = (text: string) => process.stdout.write(text);

    say("pulumi up");
    const up = await stack.up({ onOutput: print, color: "always" });
    printModels(up.outputs.models?.value ?? {});

    say("pulumi preview (again: nothing should change)");
    const preview = await stack.preview({ onOutput: print, color: "always" });
    const changed = Object.entries(preview.changeSummary).filter(
      ([kind, count]) => kind !== "same" && count > 0,
    );
    say(
      changed.length === 0
        ? "No changes: the deployed models match their spec."
        : `Unexpected changes: ${JSON.stringify(preview.changeSummary)}`,
    );

    if (args.has("--destroy")) {
      say("pulumi destroy");
      await stack.destroy({ onOutput: print, color: "always" });
    } else {
      say("Run `npm run demo -- --destroy` to tear the models down.");
    }
    if (changed.length > 0) process.exitCode = 1;
  } finally {
    await emulator?.close();
  }
}

function printModels(
  models: Record<string, { id: string; name: string; status: string; inferenceModelName: string }>,
): void {
  const rows = Object.entries(models).map(([key, m]) => [key, m.name, m.status, m.inferenceModelName]);
  const header = ["resource", "name", "status", "inference model"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => cells.map((cell, i) => cell.padEnd(widths[i])).join("  ");
  console.log(`\n${line(header)}\n${widths.map((w) => "-".repeat(w)).join("  ")}`);
  rows.forEach((row) => console.log(line(row)));
  console.log();
}

function say(message: string): void {
  console.log(`\n== ${message}`);
}

main().catch((error: Error) => {
  console.error(`\ndemo failed: ${error.message}`);
  process.exit(1);
});
