import { ensurePulumiCli } from "./lib/pulumiCli";

ensurePulumiCli().then(
  (cli) => {
    console.log(`Pulumi CLI v${cli.version}: ${cli.binary}`);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
