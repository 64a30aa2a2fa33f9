/** Small helpers for the plain objects that travel between Pulumi and the provider. */

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

/**
 * A declared `null` (YAML `~`, an empty stack config value, `cond ? x : null`) means "not declared", at any depth
 * of an object: dropped before anything compares or sends it. List items stay, for validation to name.
 */
export function withoutNulls<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutNulls) as T;
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => item !== null)
      .map(([key, item]) => [key, withoutNulls(item)]),
  ) as T;
}

/** The declared inputs kept among a resource's outputs (outputs hold inputs plus what the service reports). */
export function pickDefined<T extends object>(props: T, keys: readonly (keyof T & string)[]): T {
  return Object.fromEntries(
    keys.filter((key) => props[key] !== undefined).map((key) => [key, props[key]]),
  ) as T;
}

/** What the service reported, without the declared inputs kept among a resource's outputs. */
export function omit<T extends object>(props: T, keys: readonly string[]): Partial<T> {
  return Object.fromEntries(Object.entries(props).filter(([key]) => !keys.includes(key))) as Partial<T>;
}
