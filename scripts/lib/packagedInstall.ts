/** Installs this package, compiled, into a project's node_modules: the layout users get from `npm install`. */
import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "./pulumiCli";

/**
 * The project must live under the repository (e.g. in git-ignored .pulumi-local/) so the package's own
 * dependencies resolve from the repository's node_modules, as they would from the project's after an install.
 * Returns the installed package's directory; `require` it for the compiled resource classes.
 */
export function installPackageInto(projectDir: string): string {
  const installed = path.join(projectDir, "node_modules", "pulumi-cohere-finetuning");
  const tsc = path.join(REPO_ROOT, "node_modules", ".bin", "tsc");
  execFileSync(tsc, ["-p", "tsconfig.build.json", "--outDir", path.join(installed, "dist")], {
    cwd: REPO_ROOT,
  });
  fs.copyFileSync(path.join(REPO_ROOT, "package.json"), path.join(installed, "package.json"));
  return installed;
}
