/**
 * What can be verified of an executable built for another platform without running it: its format and machine
 * from its header, and whether Node.js will find the plugin in it (the fuse flipped, the blob present).
 */
import * as fs from "node:fs";
import type { ExecutableFormat, PlatformBuild } from "./platforms";
import { SEA_FUSE } from "./pluginExecutable";

export interface ExecutableFacts {
  format: ExecutableFormat | "unknown";
  machine: PlatformBuild["machine"] | "unknown";
  seaFuseFlipped: boolean;
  holdsBlob: boolean;
}

const elfMachines: Record<number, PlatformBuild["machine"]> = { 0x3e: "x86-64", 0xb7: "arm64" };
const machOMachines: Record<number, PlatformBuild["machine"]> = { 0x01000007: "x86-64", 0x0100000c: "arm64" };
const peMachines: Record<number, PlatformBuild["machine"]> = { 0x8664: "x86-64", 0xaa64: "arm64" };

export function inspectExecutable(file: string, blob: Buffer): ExecutableFacts {
  const binary = fs.readFileSync(file);
  return {
    ...header(binary),
    seaFuseFlipped: binary.includes(`${SEA_FUSE}:1`),
    holdsBlob: binary.includes(blob),
  };
}

function header(binary: Buffer): Pick<ExecutableFacts, "format" | "machine"> {
  if (binary.subarray(0, 4).equals(Buffer.from([0x7f, 0x45, 0x4c, 0x46]))) {
    return { format: "ELF", machine: elfMachines[binary.readUInt16LE(18)] ?? "unknown" };
  }
  if (binary.readUInt32LE(0) === 0xfeedfacf) {
    return { format: "Mach-O", machine: machOMachines[binary.readUInt32LE(4)] ?? "unknown" };
  }
  if (binary.subarray(0, 2).toString("latin1") === "MZ") {
    const peHeader = binary.readUInt32LE(0x3c);
    if (binary.subarray(peHeader, peHeader + 4).equals(Buffer.from("PE\0\0", "latin1"))) {
      return { format: "PE", machine: peMachines[binary.readUInt16LE(peHeader + 4)] ?? "unknown" };
    }
  }
  return { format: "unknown", machine: "unknown" };
}
