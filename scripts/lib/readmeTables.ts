/**
 * The README's field tables, generated from the field tables: each between `<!-- fields:<name> -->` and
 * `<!-- /fields:<name> -->`. `npm run readme-tables` writes them; a test fails when the README differs.
 */
import { datasetFields } from "../../provider/dataset/fields";
import { codeList, declaredFields, type Field, type FieldTable } from "../../provider/fields/field";
import { entryFields, secretEntryFields } from "../../provider/fields/stackEntries";
import { finetunedModelFields } from "../../provider/finetunedModel/fields";
import { providerSettingFields } from "../../provider/lifecycle/providerSettings";
import { entryOptionFields } from "../../provider/stack/entryOptions";

const code = (text: string) => `\`${text}\``;
/** A cell's text on one line, its pipes escaped. */
const cell = (text: string) => text.replace(/\|/g, "\\|").replace(/\s+/g, " ");
const row = (cells: string[]) => `| ${cells.map(cell).join(" | ")} |`;
const markdownTable = (header: string[], rows: string[][]) =>
  [row(header), row(header.map(() => "---")), ...rows.map(row)].join("\n");

/** What a change to a field does, in the words of its resource (`a new training`, `a new upload`). */
function changing(field: Field, replacement: string): string {
  if (field.changeNote) return field.changeNote;
  if (field.change === "replace") return `replace: ${replacement}`;
  return field.change === "update" ? "in place" : "";
}

function meaning(field: Field): string {
  return field.type === "enum" ? `${field.doc} One of ${codeList(field.values)}.` : field.doc;
}

/**
 * A required object's fields are rows of their own (they are what one declares), changing as the object does; an
 * optional object is one row.
 */
function inputRows(table: FieldTable, replacement: string, prefix = "", within?: Field): string[][] {
  return declaredFields(table).flatMap(([key, field]) => {
    const path = prefix ? `${prefix}.${key}` : key;
    if (field.type === "object" && field.required) return inputRows(field.fields, replacement, path, field);
    return [[code(path), meaning(field), changing(field.change ? field : (within ?? field), replacement)]];
  });
}

export function inputsTable(table: FieldTable, replacement: string): string {
  return markdownTable(["input", "meaning", "changing it"], inputRows(table, replacement));
}

export function settingsTable(table: FieldTable): string {
  return markdownTable(
    ["setting", "stack config", "environment", "default", "meaning"],
    Object.entries(table).map(([key, field]) => [
      code(key),
      code(`cohere:${key}`),
      field.environment ? code(field.environment) : "—",
      field.default ? code(field.default) : "none",
      field.doc,
    ]),
  );
}

function entryList(table: FieldTable): string {
  return entryFields(table)
    .map(({ entryKey }) => code(entryKey))
    .join(", ");
}

export function stackEntriesTable(): string {
  const secrets = secretEntryFields(finetunedModelFields)
    .map(({ resourcePath, secret }) => `${code(resourcePath)} from the secret ${code(`<project>:${secret}`)}`)
    .join(", ");
  return markdownTable(
    ["entry", "fields"],
    [
      [
        "model",
        `${entryList(finetunedModelFields)}, ${code("dataset")} (a key of ${code("datasets")}, instead of ${code("datasetId")}); ${secrets}`,
      ],
      ["dataset", entryList(datasetFields)],
      ["both", `the resource options ${entryOptionFields.map(code).join(", ")}`],
    ],
  );
}

/** Every generated table, by its marker's name. */
export function readmeTables(): Record<string, string> {
  return {
    FinetunedModel: inputsTable(finetunedModelFields, "a new training"),
    Dataset: inputsTable(datasetFields, "a new upload"),
    provider: settingsTable(providerSettingFields),
    stack: stackEntriesTable(),
  };
}

/** The README with each marked table replaced by its generated text (unformatted: prettier pads it). */
export function withReadmeTables(readme: string, tables = readmeTables()): string {
  let result = readme;
  for (const [name, text] of Object.entries(tables)) {
    const pattern = new RegExp(`(<!-- fields:${name} -->\\n)[\\s\\S]*?(\\n<!-- /fields:${name} -->)`);
    if (!pattern.test(result)) throw new Error(`README.md has no <!-- fields:${name} --> section`);
    result = result.replace(pattern, (_match, open: string, close: string) => `${open}\n${text}\n${close}`);
  }
  return result;
}

/** A markdown table's rows as trimmed cells, whatever the padding a formatter adds. */
export function tableCells(markdown: string): string[][] {
  return markdown
    .split("\n")
    .filter((line) => line.startsWith("|") && !/^\|[\s|:-]+\|$/.test(line))
    .map((line) =>
      line
        .split(/(?<!\\)\|/)
        .slice(1, -1)
        .map((text) => text.trim()),
    );
}
