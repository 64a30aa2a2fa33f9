/**
 * Before any test file runs: when end-to-end tests are selected, build (or find) the Pulumi CLI and its language
 * hosts, pack this checkout once for every test project to install, and build the provider plugin from it. A cold
 * build takes minutes, longer than any single test may.
 */
import { packedPackage, PACKED_TARBALL_ENV } from "../scripts/lib/packedPackage";
import { builtPluginDir, PLUGIN_DIR_ENV } from "../scripts/lib/pluginDir";
import { ensurePulumiCli } from "../scripts/lib/pulumiCli";

export default async function globalSetup(globalConfig: { testPathPattern?: string }): Promise<void> {
  const pattern = globalConfig.testPathPattern ?? "";
  if (pattern !== "" && !/e2e/.test(pattern)) return;
  await ensurePulumiCli();
  process.env[PACKED_TARBALL_ENV] = await packedPackage();
  process.env[PLUGIN_DIR_ENV] = await builtPluginDir();
}
