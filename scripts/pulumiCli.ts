import { ensurePulumiCli, findLanguageHost } from "./lib/pulumiCli";

ensurePulumiCli().then(
  (cli) => {
    console.log(`Pulumi CLI v${cli.version}: ${cli.binary}`);
    console.log(`Node.js language host: ${findLanguageHost(cli.binary, cli.env.PATH)}`);
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
