/** Pulumi-style auto-naming: `<resource name>-<suffix>`, stable across runs and fresh on replacement. */
import { createHash } from "crypto";
import { canonicalJson } from "./canonicalJson";

/**
 * The suffix hashes the stack-qualified resource name and the training-relevant settings rather than being
 * random: an interrupted `pulumi up` that already reached Cohere then finds its model again by name instead of
 * training a duplicate, while a replacement (which always changes those settings) still gets a fresh name.
 */
export function generateModelName(scope: string, resourceName: string, trainingSettings: unknown): string {
  const digest = createHash("sha256")
    .update(canonicalJson([scope, resourceName, trainingSettings]))
    .digest("hex");
  return `${resourceName}-${digest.slice(0, 8)}`;
}
