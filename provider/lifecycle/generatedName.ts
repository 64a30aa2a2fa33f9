/** Names the provider chooses when none is declared, like Pulumi's own providers: `<resource name>-<suffix>`. */
import { randomBytes } from "node:crypto";

/**
 * Chosen when the object is created and kept in state from then on: stable across runs, fresh for every
 * replacement. Only the readable stem is shortened to fit a length limit.
 */
export function generatedName(resourceName: string, maxStemLength = Infinity): string {
  return `${resourceName.slice(0, maxStemLength)}-${randomBytes(4).toString("hex")}`;
}
