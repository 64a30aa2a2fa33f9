import { invalidRequest } from "../backend/errors";

/**
 * Readers for untrusted JSON that check shape and type only, naming the offending field in their
 * 400 message; the backend checks ranges and other rules. JSON null counts as absent.
 */

type JsonObject = Record<string, unknown>;

export function isPresent(value: unknown): boolean {
  return value !== undefined && value !== null;
}

export function asObject(value: unknown, path: string): JsonObject {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw invalidRequest(`${path} must be an object`);
  }
  return value as JsonObject;
}

export function requiredValue(obj: JsonObject, key: string, path: string): unknown {
  if (!isPresent(obj[key])) throw invalidRequest(`${path} is required`);
  return obj[key];
}

export function optionalString(obj: JsonObject, key: string, path: string): string | undefined {
  const value = obj[key];
  if (!isPresent(value)) return undefined;
  if (typeof value !== "string") throw invalidRequest(`${path} must be a string`);
  return value;
}

export function requiredString(obj: JsonObject, key: string, path: string): string {
  const value = requiredValue(obj, key, path);
  if (typeof value !== "string") throw invalidRequest(`${path} must be a string`);
  if (value.trim() === "") throw invalidRequest(`${path} must not be empty`);
  return value;
}

export function optionalBoolean(obj: JsonObject, key: string, path: string): boolean | undefined {
  const value = obj[key];
  if (!isPresent(value)) return undefined;
  if (typeof value !== "boolean") throw invalidRequest(`${path} must be a boolean`);
  return value;
}

export function optionalEnum<T extends string>(
  obj: JsonObject,
  key: string,
  path: string,
  values: readonly T[],
): T | undefined {
  const value = optionalString(obj, key, path);
  if (value === undefined) return undefined;
  if (!(values as readonly string[]).includes(value)) {
    throw invalidRequest(`${path} must be one of ${values.join(", ")}, got ${JSON.stringify(value)}`);
  }
  return value as T;
}

export function optionalNumber(
  obj: JsonObject,
  key: string,
  path: string,
  kind: "integer" | "number",
): number | undefined {
  const value = obj[key];
  if (!isPresent(value)) return undefined;
  if (
    typeof value !== "number" ||
    !Number.isFinite(value) ||
    (kind === "integer" && !Number.isInteger(value))
  ) {
    throw invalidRequest(
      `${path} must be ${kind === "integer" ? "an integer" : "a number"}, got ${JSON.stringify(value)}`,
    );
  }
  return value;
}
