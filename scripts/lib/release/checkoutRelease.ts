/** This checkout's plugin release: its `package.json` version and repository, or a release command's overrides. */
import * as fs from "node:fs";
import * as path from "node:path";
import { pluginRelease, type PluginRelease } from "../../../provider/plugin/release";
import { REPO_ROOT } from "../pulumiCli";

export function checkoutRelease(overrides: { version?: string; server?: string } = {}): PluginRelease {
  const packageJson = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8"));
  return pluginRelease(packageJson, overrides.server, overrides.version);
}
