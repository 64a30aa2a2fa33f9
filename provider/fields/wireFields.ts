/** Values to and from Cohere's wire format by each field's wire name: snake_case, empty objects left out. */
import type { FieldTable } from "./field";

/** The wire form of declared values; an object that holds nothing is left out, as Cohere then uses its defaults. */
export function toWire(fields: FieldTable, values: Record<string, unknown>): Record<string, unknown> {
  const wire: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = values[key];
    if (value === undefined || value === null || !field.wire) continue;
    if (field.type !== "object") {
      wire[field.wire] = value;
      continue;
    }
    const inner = toWire(field.fields, value as Record<string, unknown>);
    if (Object.keys(inner).length > 0) wire[field.wire] = inner;
  }
  return wire;
}

/** What Cohere reports, in the declared shape: its nulls, empty optional strings and empty objects left out. */
export function fromWire(fields: FieldTable, wire: Record<string, unknown>): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(fields)) {
    const value = field.wire ? wire[field.wire] : undefined;
    if (value === undefined || value === null || (value === "" && !field.required)) continue;
    if (field.type !== "object") {
      values[key] = value;
      continue;
    }
    const inner = fromWire(field.fields, value as Record<string, unknown>);
    if (Object.keys(inner).length > 0 || field.required) values[key] = inner;
  }
  return values;
}
