/**
 * The `cohere` plugin as one JavaScript file: its entry and every module it reaches (`@pulumi/pulumi`'s protocol
 * stubs, gRPC, axios), with the release's facts written in. A single executable can `require` only Node.js's
 * built-in modules, so nothing may stay outside.
 */
import * as path from "node:path";
import { build } from "esbuild";
import type { PluginRelease } from "../../../provider/plugin/release";
import { REPO_ROOT } from "../pulumiCli";
import { NODE_VERSIONS } from "../nodeVersions";

export async function bundlePlugin(release: PluginRelease): Promise<string> {
  const result = await build({
    entryPoints: [path.join(REPO_ROOT, "provider", "plugin", "executable.ts")],
    bundle: true,
    platform: "node",
    target: `node${NODE_VERSIONS[22]}`,
    format: "cjs",
    write: false,
    // Smaller to parse at every start; names kept so that a stack trace in a bug report still reads.
    minify: true,
    keepNames: true,
    legalComments: "none",
    define: { COHERE_PLUGIN_RELEASE: JSON.stringify(release) },
    logLevel: "error",
  });
  return result.outputFiles[0].text;
}
