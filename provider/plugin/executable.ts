/**
 * The entry of the standalone executable `pulumi-resource-cohere` (scripts/lib/release/pluginExecutable.ts bundles
 * it): what the plugin says of itself, its version and download server, is fixed in the bundle when it is built.
 */
import { servePlugin } from "./main";
import type { PluginRelease } from "./release";

declare const COHERE_PLUGIN_RELEASE: PluginRelease;

servePlugin(COHERE_PLUGIN_RELEASE).catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
