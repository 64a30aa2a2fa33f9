/** `npm run policy-pack -- --out <dir>`: writes the `cohere-policies` policy pack into `<dir>` (see scripts/lib/policyPackDir.ts). */
import * as path from "node:path";
import { parseArgs } from "node:util";
import { buildPolicyPackDir } from "./lib/policyPackDir";

const { values } = parseArgs({ options: { out: { type: "string" } } });
if (!values.out) {
  console.error("Usage: npm run policy-pack -- --out <dir>");
  process.exitCode = 2;
} else {
  // npm runs scripts in the repository's root; a relative --out means the directory npm was run from.
  buildPolicyPackDir(path.resolve(process.env.INIT_CWD ?? process.cwd(), values.out)).then(
    (dir) => console.log(`The cohere-policies pack is in ${dir}: \`pulumi preview --policy-pack ${dir}\`.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
