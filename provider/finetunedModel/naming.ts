/**
 * The name a model with a generated name carries while its create is in flight. It is derived from the stack and
 * the resource alone, so a `pulumi up` that was killed after Cohere accepted the create finds the model again
 * under it; the create gives the model its generated name once it ends, the moment the engine records it. A model
 * still under this name is therefore one of this resource's own creates that no state holds: the only kind the
 * provider ever takes over without being told to.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../lifecycle/canonicalJson";

const pendingSuffix = "-creating";

export function pendingName(scope: string, resourceName: string): string {
  const digest = createHash("sha256")
    .update(canonicalJson([scope, resourceName]))
    .digest("hex");
  return `${resourceName}-${digest.slice(0, 8)}${pendingSuffix}`;
}

export function isPendingName(name: string | undefined): boolean {
  return name?.endsWith(pendingSuffix) ?? false;
}
