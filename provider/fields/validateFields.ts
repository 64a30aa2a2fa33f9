/** `check`'s validation of declared values against their field table: types, ranges, values and unknown keys. */
import type { FailureCollector } from "../lifecycle/rules";
import { declaredFields, type Field, type FieldTable } from "./field";

export interface FieldValidationOptions {
  /** Keys accepted besides the table's own. */
  otherKeys?: readonly string[];
  /** Property paths a resource's own rules judge instead (a deprecated value with its own message, say). */
  judgedElsewhere?: readonly string[];
}

/** Reports each value that its field does not accept, by property path (`settings.baseModel.baseType`). */
export function validateFields(
  check: FailureCollector,
  table: FieldTable,
  values: Record<string, unknown>,
  options: FieldValidationOptions = {},
  prefix = "",
): void {
  const fields = declaredFields(table);
  check.onlyKnownKeys(prefix, values, [...fields.map(([key]) => key), ...(options.otherKeys ?? [])]);
  for (const [key, field] of fields) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (!options.judgedElsewhere?.includes(path)) validateField(check, path, field, values[key], options);
  }
}

function validateField(
  check: FailureCollector,
  path: string,
  field: Field,
  value: unknown,
  options: FieldValidationOptions,
): void {
  const required = field.required === true;
  switch (field.type) {
    case "string":
      if (field.values) return check.oneOf(path, value, required, field.values);
      return check.string(path, value, required, field);
    case "enum":
      return check.oneOf(path, value, required, field.values);
    case "boolean":
      return check.boolean(path, value, required);
    case "integer":
    case "number":
      return check.number(path, value, { integer: field.type === "integer", min: field.min, max: field.max });
    case "strings":
      return check.stringList(path, value);
    case "numbers":
      return;
    case "object": {
      const object = check.object(path, value, required);
      if (object)
        validateFields(check, field.fields, object, { judgedElsewhere: options.judgedElsewhere }, path);
    }
  }
}
