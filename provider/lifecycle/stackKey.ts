/**
 * What tells apart two stacks of the same project and stack names kept in different backends: the key material
 * `pulumi stack init` writes into the stack's config file (`encryptionsalt` for a passphrase, `encryptedkey` for
 * a cloud KMS), random per stack and kept for its life. Both hosts read the same file, beside the project's
 * `Pulumi.yaml` (or under its `stackConfigDir`), so they agree on it; it is not secret (it sits in the file in
 * plain text) and only a digest of it is ever used. A stack whose secrets Pulumi Cloud manages has none.
 */
import { existsSync, readFileSync } from "node:fs";
import * as path from "node:path";

const keyFields = ["encryptionsalt", "encryptedkey"];

export function stackKey(stack: string, from = process.cwd()): string | undefined {
  try {
    return keyInStackFile(stack, from);
  } catch {
    // Unreadable is as good as absent: the keyless name is still looked for (pendingName.ts).
    return undefined;
  }
}

function keyInStackFile(stack: string, from: string): string | undefined {
  const project = projectFile(from);
  if (!project || !stack) return undefined;
  const configDir = topLevelValue(readFileSync(project, "utf8"), "stackConfigDir") ?? "";
  const stackFile = path.join(path.dirname(project), configDir, `Pulumi.${stack}${path.extname(project)}`);
  if (!existsSync(stackFile)) return undefined;
  const text = readFileSync(stackFile, "utf8");
  for (const field of keyFields) {
    const value = topLevelValue(text, field);
    if (value) return `${field}:${value}`;
  }
  return undefined;
}

/** The project's `Pulumi.yaml` or `Pulumi.yml`, from `dir` upwards, as Pulumi finds it. */
function projectFile(dir: string): string | undefined {
  for (let current = path.resolve(dir); ; current = path.dirname(current)) {
    for (const name of ["Pulumi.yaml", "Pulumi.yml"]) {
      const candidate = path.join(current, name);
      if (existsSync(candidate)) return candidate;
    }
    if (path.dirname(current) === current) return undefined;
  }
}

/** A top-level scalar of a YAML file, unquoted: these files hold the fields read here as plain scalars. */
function topLevelValue(text: string, key: string): string | undefined {
  const match = new RegExp(`^${key}:[ \\t]*(.*?)[ \\t]*$`, "m").exec(text);
  const value = match?.[1].replace(/^(["'])(.*)\1$/, "$2");
  return value || undefined;
}
