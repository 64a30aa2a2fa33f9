/** Writes the README's field tables from the field tables (see scripts/lib/readmeTables.ts), formatted by prettier. */
import * as fs from "node:fs";
import * as path from "node:path";
import * as prettier from "prettier";
import { withReadmeTables } from "./lib/readmeTables";

async function main(): Promise<void> {
  const file = path.join(__dirname, "..", "README.md");
  const updated = withReadmeTables(fs.readFileSync(file, "utf8"));
  const options = (await prettier.resolveConfig(file)) ?? {};
  fs.writeFileSync(file, await prettier.format(updated, { ...options, filepath: file }));
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
