/**
 * The vocabulary of the field tables: each resource declares its fields once, as a table of these, and its types,
 * `check`'s validation, the diff's replace/update split, the plugin schema and its docs, the declarative stack's
 * entries and the README's tables are all derived from that table (see the other files of this directory).
 *
 * Written by hand rather than with zod or TypeBox: the derivations are Pulumi's schema dialect (`secret`,
 * `replaceOnChanges`, named `$ref` types), messages that name Pulumi property paths or stack config paths, values
 * unknown at preview, and stack config's spellings; a library would carry the types and still need every one of
 * those walkers.
 */

interface Common {
  /** What the field means: the schema's description and the README's. */
  doc: string;
  /** Inputs: must be declared. Outputs: always present. */
  required?: true;
  /** Always a secret, whatever the program did. */
  secret?: true;
  /**
   * What a change of the declared value does: `replace`, a new object (a new training, a new upload); `update`, in
   * place. `custom`: the resource's diff decides in code. Absent on outputs.
   */
  change?: "replace" | "update" | "custom";
  /** The README's "changing it" words when the change alone does not say it all. */
  changeNote?: string;
  /**
   * How a declarative stack's entry spells it: another key; `inline`, an object whose fields sit in the entry
   * itself; false, never in stack config.
   */
  stack?: string | false;
  /** The secret of a declarative stack's config that holds it, where stack config must not hold it in clear. */
  stackSecret?: string;
  /** Present among outputs even when the input is optional (a generated name). */
  outputRequired?: true;
  /** Worked out from another input where the program runs (a file's hash), never declared. */
  computed?: true;
  deprecated?: string;
  /** Its name in Cohere's wire format. */
  wire?: string;
  /** A setting: the environment variable read when it is not set, and what applies without either. */
  environment?: string;
  default?: string;
}

export interface StringField extends Common {
  type: "string";
  pattern?: RegExp;
  /** How `pattern` is explained when a value misses it. */
  hint?: string;
  maxLength?: number;
  /** Accepted values, not a named type of the schema. */
  values?: readonly string[];
}

export interface BooleanField extends Common {
  type: "boolean";
}

export interface NumberField extends Common {
  type: "integer" | "number";
  min?: number;
  max?: number;
}

/** One of fixed values: a named enum type of the schema. */
export interface EnumField extends Common {
  type: "enum";
  schemaType: string;
  typeDoc: string;
  values: readonly string[];
  /** Cohere's constants, which name the values in SDKs (`BaseType.Chat`). */
  constants: Readonly<Record<string, string>>;
}

export interface StringsField extends Common {
  type: "strings";
}

/** Named numbers (metrics). */
export interface NumbersField extends Common {
  type: "numbers";
}

export interface ObjectField extends Common {
  type: "object";
  /** The schema's name for the object's type, and what it is. */
  schemaType: string;
  typeDoc: string;
  fields: FieldTable;
  /** The object's type among outputs, where it differs (its secrets left out). */
  recorded?: { schemaType: string; typeDoc: string; doc?: string };
}

export type Field =
  StringField | BooleanField | NumberField | EnumField | StringsField | NumbersField | ObjectField;

export type FieldTable = Readonly<Record<string, Field>>;

export const inline = "inline";

/** The plain value a field holds. */
export type ValueOf<F> = F extends { type: "enum"; values: readonly (infer V)[] }
  ? V
  : F extends { type: "string"; values: readonly (infer V)[] }
    ? V
    : F extends { type: "string" }
      ? string
      : F extends { type: "boolean" }
        ? boolean
        : F extends { type: "integer" | "number" }
          ? number
          : F extends { type: "strings" }
            ? string[]
            : F extends { type: "numbers" }
              ? Record<string, number>
              : F extends { type: "object"; fields: infer T }
                ? ValuesOf<T>
                : never;

type Simplify<T> = { [K in keyof T]: T[K] } & {};

/** An optional object may be declared null: the same as omitting it. */
type OptionalValueOf<F> = F extends { type: "object" } ? ValueOf<F> | null : ValueOf<F>;

/** The plain values of a table's fields: required ones present, the others optional. */
export type ValuesOf<T> = Simplify<
  { -readonly [K in keyof T as T[K] extends { required: true } ? K : never]: ValueOf<T[K]> } & {
    -readonly [K in keyof T as T[K] extends { required: true } ? never : K]?: OptionalValueOf<T[K]>;
  }
>;

/** The fields a program declares: not those worked out for it. */
export function declaredFields(table: FieldTable): [string, Field][] {
  return Object.entries(table).filter(([, field]) => !field.computed);
}

/** Top-level fields whose change does what `change` says, by the generic rule. */
export function fieldsChanging(table: FieldTable, change: "replace" | "update"): string[] {
  return Object.keys(table).filter((key) => table[key].change === change);
}

/** The property paths that are always secret, whatever the program did (`settings.wandb.apiKey`). */
export function secretPaths(table: FieldTable, prefix = ""): string[] {
  return Object.entries(table).flatMap(([key, field]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (field.secret) return [path];
    return field.type === "object" ? secretPaths(field.fields, path) : [];
  });
}

export const upperFirst = (words: string) => words.charAt(0).toUpperCase() + words.slice(1);
export const codeList = (values: readonly string[]) => values.map((value) => `\`${value}\``).join(", ");
