/** The facts a result depends on, recorded next to it. */
import * as os from "node:os";
import type { PulumiCli } from "../scripts/lib/pulumiCli";
import { PROJECT_NODE_VERSION, projectSdkVersions } from "./lib/benchProject";

export interface Machine {
  cpus: number;
  cpuModel: string;
  memoryGiB: number;
  platform: string;
  /** Load average over the minute before the run started: the machine is shared. */
  loadAverageAtStart: number;
  /** Runs the bench and the emulator. */
  benchNode: string;
  /** Runs `pulumi`'s program and provider processes in the users' projects. */
  projectNode: string;
  pulumiCli: string;
  /** `@pulumi/pulumi` as npm installed it into the users' projects. */
  pulumiSdk: string;
}

export function describeMachine(cli: PulumiCli): Machine {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    platform: `${os.platform()} ${os.release()} ${os.arch()}`,
    loadAverageAtStart: Math.round(os.loadavg()[0] * 100) / 100,
    benchNode: process.version,
    projectNode: `v${PROJECT_NODE_VERSION}`,
    pulumiCli: cli.version,
    pulumiSdk: projectSdkVersions().join(", "),
  };
}
