/** One field added to a copy of a resource's table reaches every place derived from it, with no other edit. */
import { fromConfigStrings } from "../../provider/stack/configStrings";
import { validateFields } from "../../provider/fields/validateFields";
import { entryFields, entryPath, entryShape, inputsFromEntry } from "../../provider/fields/stackEntries";
import type { FieldTable } from "../../provider/fields/field";
import {
  finetunedModelFields,
  finetunedModelOutputFields,
  settingsFields,
} from "../../provider/finetunedModel/fields";
import { FailureCollector } from "../../provider/lifecycle/rules";
import { resourceSpec } from "../../provider/plugin/schema";
import { inputsTable, tableCells } from "../../scripts/lib/readmeTables";

const warmStart = {
  type: "boolean",
  change: "replace",
  stack: "warmStart",
  doc: "Start from the previous training's weights.",
} as const;

/** A copy of the FinetunedModel table with `settings.warmStart` added, as Cohere might ship it. */
const table: FieldTable = {
  ...finetunedModelFields,
  settings: { ...finetunedModelFields.settings, fields: { ...settingsFields, warmStart } },
};

describe("a field added to a copy of the FinetunedModel table", () => {
  it("is in the generated schema, replacing the model when it changes", () => {
    const types = {};
    resourceSpec("FinetunedModel", "doc", table, finetunedModelOutputFields, types);
    expect(types).toHaveProperty(["cohere:index:Settings", "properties", "warmStart"], {
      type: "boolean",
      description: warmStart.doc,
      replaceOnChanges: true,
    });
    // Outputs record the declared settings, so the recorded type has it too.
    expect(types).toHaveProperty(
      ["cohere:index:DeclaredSettings", "properties", "warmStart", "type"],
      "boolean",
    );
  });

  it("is validated by check: a wrong type is refused, naming the field", () => {
    const check = new FailureCollector();
    const settings = { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "d", warmStart: "yes" };
    validateFields(check, table, { settings });
    expect(check.failures).toEqual([
      { property: "settings.warmStart", reason: 'settings.warmStart must be true or false, got "yes"' },
    ]);
    const accepted = new FailureCollector();
    validateFields(accepted, table, { settings: { ...settings, warmStart: true } });
    expect(accepted.failures).toEqual([]);
  });

  it("is a field of a declarative stack's model entry, typed from config strings and named by its config path", () => {
    expect(entryFields(table).map((field) => field.entryKey)).toContain("warmStart");
    const entry = fromConfigStrings({ baseType: "BASE_TYPE_CHAT", warmStart: "true" }, entryShape(table));
    expect(
      inputsFromEntry(table, entry as Record<string, unknown>, { "settings.datasetId": "d" }),
    ).toMatchObject({
      settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId: "d", warmStart: true },
    });
    expect(entryPath(table, "settings.warmStart")).toBe(".warmStart");
  });

  it("is a row of the README's table", () => {
    expect(tableCells(inputsTable(table, "a new training"))).toContainEqual([
      "`settings.warmStart`",
      warmStart.doc,
      "replace: a new training",
    ]);
  });
});
