import { ensurePulumiCli, findLanguageHosts } from "./lib/pulumiCli";

ensurePulumiCli().then(
  (cli) => {
    console.log(`Pulumi CLI v${cli.version}: ${cli.binary}`);
    for (const [runtime, host] of Object.entries(findLanguageHosts(cli.binary, cli.env.PATH))) {
      console.log(`${runtime} language host: ${host ?? "none"}`);
    }
  },
  (error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exitCode = 1;
  },
);
