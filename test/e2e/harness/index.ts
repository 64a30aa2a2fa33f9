/**
 * End-to-end tests run programs as users do: `pulumi` in a project that installed the packed package, or one of
 * another language that uses the provider plugin built from this checkout.
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { createUserProject, UserProject, UserProjectOptions } from "../../../scripts/lib/userProject";
import { ensurePulumiCli, REPO_ROOT } from "../../../scripts/lib/pulumiCli";
import { packedPackage } from "../../../scripts/lib/packedPackage";
import { builtPluginDir } from "../../../scripts/lib/pluginDir";

export type { UserProject } from "../../../scripts/lib/userProject";

export const templates = {
  typescript: path.join(__dirname, "..", "projects", "typescript"),
  javascript: path.join(__dirname, "..", "projects", "javascript"),
  example: (name: string) => path.join(REPO_ROOT, "examples", name),
};

/** A fresh user project from a template, the package installed from this checkout's tarball. */
export async function userProject(
  options: Omit<UserProjectOptions, "purpose"> & { purpose?: string },
): Promise<UserProject> {
  await Promise.all([ensurePulumiCli(), packedPackage()]);
  return createUserProject({ purpose: "e2e", ...options });
}
/** Where the examples' `Pulumi.yaml` finds the plugin: built there by `npm run plugin -- --out .cohere-plugin`. */
const committedPluginPath = "../../.cohere-plugin";

/**
 * A project of any language using the plugin as its README says: a YAML example's `plugins:` entry pointed at
 * this checkout's plugin, else `pulumi package add <plugin dir>` (which generates the project's local SDK).
 */
export async function pluginProject(
  options: Omit<UserProjectOptions, "purpose" | "installPackage"> & { purpose?: string },
): Promise<UserProject> {
  const [pluginDir] = await Promise.all([builtPluginDir(), ensurePulumiCli()]);
  const project = await createUserProject({ purpose: "e2e", ...options, installPackage: false });
  const manifest = path.join(project.dir, "Pulumi.yaml");
  const text = fs.readFileSync(manifest, "utf8");
  if (text.includes(committedPluginPath))
    fs.writeFileSync(manifest, text.replace(committedPluginPath, pluginDir));
  else await project.pulumi(["package", "add", pluginDir]);
  return project;
}

export { modelsProgram, yamlModelsProgram } from "./programs";
export type { DeclaredModel } from "./programs";

/** A TypeScript user project pointed at an emulator, with its stack selected. */
export async function emulatorProject(options: {
  emulatorUrl: string;
  apiKey: string;
  program?: string;
  files?: Record<string, string>;
  env?: Record<string, string>;
  stack?: string;
  template?: string;
}): Promise<UserProject> {
  const project = await userProject({
    template: options.template ?? templates.typescript,
    files: { ...(options.program ? { "index.ts": options.program } : {}), ...options.files },
    env: options.env,
  });
  await project.selectStack(options.stack ?? "test");
  await project.setConfig("cohere:baseUrl", options.emulatorUrl);
  await project.setConfig("cohere:apiKey", options.apiKey, { secret: true });
  return project;
}
