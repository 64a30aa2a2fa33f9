import * as fs from "node:fs";
import * as path from "node:path";
import { hyperparameterNames, hyperparameterTableRow } from "../../provider/finetunedModel/hyperparameters";
import { readmeTables, tableCells } from "../../scripts/lib/readmeTables";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README.md", () => {
  it("lists every hyperparameter as hyperparameterRules defines it (its range, default and meaning)", () => {
    const rows = tableCells(readme);
    for (const name of hyperparameterNames) {
      expect(rows).toContainEqual(tableCells(hyperparameterTableRow(name))[0]);
    }
  });

  it.each(Object.entries(readmeTables()))(
    "holds the %s table its field table generates (npm run readme-tables writes it)",
    (name, generated) => {
      const section = new RegExp(`<!-- fields:${name} -->([\\s\\S]*?)<!-- /fields:${name} -->`).exec(readme);
      expect(section).not.toBeNull();
      expect(tableCells(section![1])).toEqual(tableCells(generated));
    },
  );
});
