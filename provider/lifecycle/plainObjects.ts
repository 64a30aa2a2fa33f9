/** Small helpers for the plain objects that travel between Pulumi and the provider. */

export function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
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
