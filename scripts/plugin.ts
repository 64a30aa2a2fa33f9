/** `npm run plugin -- --out <dir>`: builds the `cohere` provider plugin directory (see scripts/lib/pluginDir.ts). */
import { buildPluginDir } from "./lib/pluginDir";

const args = process.argv.slice(2);
const out = args[args.indexOf("--out") + 1];
if (!args.includes("--out") || !out) {
  console.error("Usage: npm run plugin -- --out <dir>");
  process.exitCode = 2;
} else {
  buildPluginDir(out).then(
    (dir) =>
      console.log(`The cohere provider plugin is in ${dir}: \`pulumi package add ${dir}\` in your project.`),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
}
