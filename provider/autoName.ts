/** Pulumi-style auto-naming: `<resource name>-<suffix>`, stable across runs and fresh on replacement. */
import { createHash } from "crypto";
import { canonicalJson } from "./canonicalJson";
import { containsUnknown, unknownValue } from "./validation/rules";

export interface AutoNameInputs {
  /** The Pulumi resource name, the stem of a generated name. */
  resourceName?: string;
  /** `<project>/<stack>`, so equal resource names in different stacks get different generated names. */
  autoNameScope?: string;
}

/**
 * The suffix hashes the stack-qualified resource name and what the resource's content is (for a model, its
 * training settings) rather than being random: an interrupted `pulumi up` that already reached Cohere then finds
 * its object again by name instead of creating a duplicate, while a replacement (which always changes that
 * content) still gets a fresh name. Only the readable stem is shortened to fit a length limit.
 */
export function generateName(
  scope: string,
  resourceName: string,
  content: unknown,
  maxStemLength = Infinity,
): string {
  const digest = createHash("sha256")
    .update(canonicalJson([scope, resourceName, content]))
    .digest("hex");
  return `${resourceName.slice(0, maxStemLength)}-${digest.slice(0, 8)}`;
}

/** The name for `check`: the one generated on an earlier run, else a new one (unknown while its content is). */
export function autoName(
  olds: Record<string, unknown>,
  inputs: AutoNameInputs,
  content: unknown,
  fallbackStem: string,
  maxStemLength?: number,
): string {
  if (olds.nameIsGenerated === true && typeof olds.name === "string") return olds.name;
  if (containsUnknown(content)) return unknownValue;
  return generateName(
    inputs.autoNameScope ?? "",
    inputs.resourceName ?? fallbackStem,
    content,
    maxStemLength,
  );
}
