/**
 * Inputs every resource class adds to what the program declared: the host's bookkeeping, which the dynamic
 * provider host has no other way to pass on (lifecycle/dynamicHostProvider.ts takes it off again).
 */
import * as pulumi from "@pulumi/pulumi";
import type { HostBookkeeping } from "./resourceProvider";

export type ResourceMetadata = Partial<HostBookkeeping>;

export function resourceMetadata(
  name: string,
  opts: pulumi.CustomResourceOptions | undefined,
): ResourceMetadata {
  const timeouts = opts?.customTimeouts;
  return {
    // The dynamic provider host never passes customTimeouts to providers, so they travel as an input.
    timeouts: timeouts ? { create: timeouts.create, update: timeouts.update } : undefined,
    resourceName: name,
    autoNameScope: `${pulumi.getProject()}/${pulumi.getStack()}`,
  };
}
