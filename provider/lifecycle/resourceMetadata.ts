/** Inputs every resource class adds to what the program declared, for its provider's use. */
import * as pulumi from "@pulumi/pulumi";

/** Go-style durations copied from the resource's customTimeouts (the dynamic host never passes them on). */
export interface TimeoutsSpec {
  create?: string;
  update?: string;
}

export interface ResourceMetadata {
  timeouts?: TimeoutsSpec;
  /** The Pulumi resource name: the stem of a generated name. */
  resourceName?: string;
  /** `<project>/<stack>`: what, with the resource name, identifies the resource across runs. */
  autoNameScope?: string;
}

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
