/**
 * `npm run plugin -- --out <dir> [--nodejs]`: writes the `cohere` provider plugin into `<dir>`: this machine's
 * standalone executable, or with `--nodejs` the Node.js plugin directory (see scripts/lib/pluginDir.ts).
 */
import { parseArgs } from "node:util";
import { buildPluginDir, buildPluginExecutableDir } from "./lib/pluginDir";

const { values } = parseArgs({
  options: { out: { type: "string" }, nodejs: { type: "boolean", default: false } },
});
if (!values.out) {
  console.error("Usage: npm run plugin -- --out <dir> [--nodejs]");
  process.exitCode = 2;
} else {
  (values.nodejs ? buildPluginDir : buildPluginExecutableDir)(values.out).then(
    (dir) =>
      console.log(`The cohere provider plugin is in ${dir}: \`pulumi package add ${dir}\` in your project.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
