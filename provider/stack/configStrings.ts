/**
 * Numbers and booleans that stack config holds as strings. `pulumi config set --path` stores a decimal such as
 * `0.001` as the string "0.001" (whole numbers and true/false it stores typed), `pulumi config set` without
 * `--path` stores every value as a string, and a YAML file may quote any value.
 */

export type ConfigScalar = "number" | "boolean";

/** Which fields of an entry, at any depth, hold numbers or booleans; fields it leaves out are kept as they are. */
export interface ConfigShape {
  readonly [field: string]: ConfigScalar | ConfigShape;
}

/** The number and boolean fields of `T`, each with the kind it holds: a shape the compiler holds to `T`. */
export type ScalarFieldsOf<T> = {
  readonly [K in keyof T as NonNullable<T[K]> extends boolean | number ? K : never]-?: NonNullable<
    T[K]
  > extends boolean
    ? "boolean"
    : "number";
};

/** Exactly a JSON number: "3", "-1", "0.001", "1e-3"; not "", " 3", "3abc", "0x10" or "01". */
const jsonNumber = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * `value` with each string that spells exactly what `expected` asks for turned into it ("0.001" → 0.001,
 * "true" → true). Every other value is left as it is, for the validation to name with its config path.
 */
export function fromConfigStrings(value: unknown, expected: ConfigScalar | ConfigShape | undefined): unknown {
  if (typeof value === "string" && expected === "number")
    return jsonNumber.test(value) && Number.isFinite(Number(value)) ? Number(value) : value;
  if (typeof value === "string" && expected === "boolean")
    return value === "true" ? true : value === "false" ? false : value;
  if (typeof expected !== "object" || !value || typeof value !== "object" || Array.isArray(value))
    return value;
  return Object.fromEntries(
    Object.entries(value).map(([field, held]) => [
      field,
      fromConfigStrings(held, Object.hasOwn(expected, field) ? expected[field] : undefined),
    ]),
  );
}
