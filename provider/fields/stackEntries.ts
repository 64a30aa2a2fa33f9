/**
 * How a declarative stack's entries spell a resource's fields: each field under its own key, or the key its table
 * gives it (`settings.baseModel.name` is `baseModelName`), an `inline` object's fields among the entry's own.
 */
import type { ConfigScalar, ConfigShape } from "../stack/configStrings";
import { declaredFields, inline, type Field, type FieldTable, type ValueOf, type ValuesOf } from "./field";

export interface EntryField {
  resourcePath: string;
  entryKey: string;
  field: Field;
}

/** The fields an entry holds at its top level, with the resource property each one declares. */
export function entryFields(table: FieldTable, prefix = ""): EntryField[] {
  return declaredFields(table).flatMap(([key, field]): EntryField[] => {
    const resourcePath = prefix ? `${prefix}.${key}` : key;
    if (field.stack === false) return [];
    if (field.stack === inline && field.type === "object") return entryFields(field.fields, resourcePath);
    return [{ resourcePath, entryKey: field.stack ?? key, field }];
  });
}

/** Fields stack config must not hold, each with the secret of the stack's config that holds it instead. */
export function secretEntryFields(
  table: FieldTable,
  prefix = "",
): { resourcePath: string; secret: string }[] {
  return declaredFields(table).flatMap(([key, field]) => {
    const resourcePath = prefix ? `${prefix}.${key}` : key;
    if (field.stackSecret) return [{ resourcePath, secret: field.stackSecret }];
    return field.type === "object" ? secretEntryFields(field.fields, resourcePath) : [];
  });
}

/** Where an entry's fields hold numbers and booleans, which stack config may hold as strings. */
export function entryShape(table: FieldTable): ConfigShape {
  return shapeOf(entryFields(table).map(({ entryKey, field }) => [entryKey, field]));
}

function shapeOf(fields: [string, Field][]): ConfigShape {
  return Object.fromEntries(
    fields.flatMap(([key, field]) => {
      const shape = scalarShape(field);
      return shape === undefined ? [] : [[key, shape]];
    }),
  );
}

function scalarShape(field: Field): ConfigScalar | ConfigShape | undefined {
  if (field.type === "boolean") return "boolean";
  if (field.type === "integer" || field.type === "number") return "number";
  return field.type === "object" ? shapeOf(declaredFields(field.fields)) : undefined;
}

/** The entry's path for a resource property path: `.baseModelName` for `settings.baseModel.name`. */
export function entryPath(table: FieldTable, property: string): string {
  const prefixes: [string, string][] = [
    ...entryFields(table).map(({ resourcePath, entryKey }): [string, string] => [resourcePath, entryKey]),
    ...inlinePaths(table).map((resourcePath): [string, string] => [resourcePath, ""]),
  ].sort(([a], [b]) => b.length - a.length);
  for (const [prefix, replacement] of prefixes) {
    if (property === prefix || property.startsWith(`${prefix}.`)) {
      const rest = replacement + property.slice(prefix.length);
      return rest.startsWith(".") || rest === "" ? rest : `.${rest}`;
    }
  }
  return `.${property}`;
}

function inlinePaths(table: FieldTable, prefix = ""): string[] {
  return declaredFields(table).flatMap(([key, field]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    return field.stack === inline && field.type === "object"
      ? [path, ...inlinePaths(field.fields, path)]
      : [];
  });
}

/**
 * The resource inputs an entry declares. `supplied` holds, by resource path, what the entry cannot hold itself
 * (a dataset's id, a secret); an object's other fields are kept as declared, so validation names unknown ones.
 */
export function inputsFromEntry(
  table: FieldTable,
  entry: object,
  supplied: Record<string, unknown>,
  prefix = "",
): Record<string, unknown> {
  return Object.fromEntries(
    declaredFields(table).map(([key, field]) => {
      const path = prefix ? `${prefix}.${key}` : key;
      if (Object.hasOwn(supplied, path)) return [key, supplied[path]];
      if (field.stack === inline && field.type === "object")
        return [key, inputsFromEntry(field.fields, entry, supplied, path)];
      const value =
        field.stack === false ? undefined : (entry as Record<string, unknown>)[field.stack ?? key];
      if (field.type !== "object" || !value || typeof value !== "object") return [key, value];
      const within = Object.keys(field.fields)
        .filter((inner) => Object.hasOwn(supplied, `${path}.${inner}`))
        .map((inner) => [inner, supplied[`${path}.${inner}`]]);
      return [key, { ...value, ...Object.fromEntries(within) }];
    }),
  );
}

/** The key a field has in an entry; none for an inline object (its fields have theirs) or one config never holds. */
type EntryKey<K, F> = F extends { stack: false | "inline" }
  ? never
  : F extends { stack: infer S extends string }
    ? S
    : K;

type WithoutUnheld<T> = { [K in keyof T as T[K] extends { stack: false } ? never : K]: T[K] };

type EntryValue<F> = F extends { type: "object"; fields: infer G }
  ? ValuesOf<WithoutUnheld<G>> | null
  : ValueOf<F>;

type UnionToIntersection<U> = (U extends unknown ? (union: U) => void : never) extends (
  intersection: infer I,
) => void
  ? I
  : never;

type InlineEntries<T> = UnionToIntersection<
  {
    [K in keyof T]: T[K] extends { stack: "inline"; fields: infer G } ? EntryOf<G> : Record<never, never>;
  }[keyof T]
>;

/** An entry as stack config holds it, every field optional (validation names a missing one by its config path). */
export type EntryOf<T> = { [K in keyof T as EntryKey<K, T[K]>]?: EntryValue<T[K]> } & InlineEntries<T>;
