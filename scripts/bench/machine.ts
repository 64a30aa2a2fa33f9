/** The facts a result depends on, recorded next to it. */
import * as fs from "node:fs";
import * as os from "node:os";
import type { PulumiCli } from "../lib/pulumiCli";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  node: string;
  pulumiCli: string;
  pulumiSdk: string;
}

export function describeMachine(cli: PulumiCli): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    node: process.version,
    pulumiCli: cli.version,
    pulumiSdk: packageVersion("@pulumi/pulumi"),
  };
}

function packageVersion(name: string): string {
  const manifest = fs.readFileSync(require.resolve(`${name}/package.json`), "utf8");
  return (JSON.parse(manifest) as { version: string }).version;
}
