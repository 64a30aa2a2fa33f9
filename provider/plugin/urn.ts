/** A resource's URN, `urn:pulumi:<stack>::<project>::<type>::<name>`, read into its parts. */
export interface ParsedUrn {
  stack: string;
  project: string;
  /** The resource's own type token (the last of a parent chain `a$b`). */
  type: string;
  name: string;
}

export function parseUrn(urn: string): ParsedUrn {
  const parts = urn.split("::");
  if (parts.length < 4 || !parts[0].startsWith("urn:pulumi:")) throw new Error(`not a Pulumi URN: ${urn}`);
  const qualifiedType = parts[2];
  return {
    stack: parts[0].slice("urn:pulumi:".length),
    project: parts[1],
    type: qualifiedType.slice(qualifiedType.lastIndexOf("$") + 1),
    // A resource name may itself contain "::".
    name: parts.slice(3).join("::"),
  };
}
