import * as fs from "node:fs";
import * as path from "node:path";
import { hyperparameterNames, hyperparameterTableRow } from "../../provider/finetunedModel/hyperparameters";

const readme = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

/** A markdown table row's cells, whatever the padding a formatter adds. */
const cells = (row: string) =>
  row
    .split("|")
    .slice(1, -1)
    .map((cell) => cell.trim());

describe("README.md", () => {
  it("lists every hyperparameter as hyperparameterRules defines it (its range, default and meaning)", () => {
    const rows = readme
      .split("\n")
      .filter((line) => line.startsWith("| `"))
      .map(cells);
    for (const name of hyperparameterNames) {
      expect(rows).toContainEqual(cells(hyperparameterTableRow(name)));
    }
  });
});
