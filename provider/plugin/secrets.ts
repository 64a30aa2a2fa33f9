/**
 * Secrets as the engine sends them (`{<sig>: <secret sig>, value}`), taken off before the core sees a value and
 * put back on whatever the core returns at the same property paths, so a secret input stays secret in state.
 */
const signatureKey = "4dabf18193072939515e22adb298388d";
const secretSignature = "1b47061264138c4ac30d75fd1eb44270";

export interface Revealed<T> {
  value: T;
  /** Property paths (`settings.wandb.apiKey`, `keepFields.0`) whose value was secret. */
  secretPaths: string[];
}

export function isSecret(value: unknown): value is { value: unknown } {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as Record<string, unknown>)[signatureKey] === secretSignature
  );
}

export function secret(value: unknown): unknown {
  return { [signatureKey]: secretSignature, value };
}

export function revealSecrets<T>(value: T): Revealed<T> {
  const secretPaths: string[] = [];
  const reveal = (item: unknown, path: string): unknown => {
    if (isSecret(item)) {
      secretPaths.push(path);
      return reveal(item.value, path);
    }
    if (Array.isArray(item)) return item.map((element, index) => reveal(element, join(path, index)));
    if (item && typeof item === "object") {
      return Object.fromEntries(Object.entries(item).map(([key, v]) => [key, reveal(v, join(path, key))]));
    }
    return item;
  };
  return { value: reveal(value, "") as T, secretPaths };
}

/** Wraps the values at `paths` that `value` holds; paths it lacks are skipped. */
export function concealSecrets<T>(value: T, paths: readonly string[]): T {
  let result: unknown = value;
  for (const path of paths) result = concealAt(result, path === "" ? [] : path.split("."));
  return result as T;
}

function concealAt(value: unknown, path: string[]): unknown {
  if (value === undefined || isSecret(value)) return value;
  if (path.length === 0) return secret(value);
  if (!value || typeof value !== "object") return value;
  const [key, ...rest] = path;
  if (!(key in value)) return value;
  const copy: Record<string, unknown> | unknown[] = Array.isArray(value) ? [...value] : { ...value };
  (copy as Record<string, unknown>)[key] = concealAt((value as Record<string, unknown>)[key], rest);
  return copy;
}

function join(path: string, key: string | number): string {
  return path === "" ? String(key) : `${path}.${key}`;
}
