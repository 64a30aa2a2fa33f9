/**
 * Where a bench stack's FinetunedModel class comes from, which decides what its resources serialize into state.
 * From the source checkout (this repository's tests and demo) the whole provider is serialized by value; installed
 * in a project's node_modules, as users get it, a resource serializes a small stub that loads the installed
 * provider in the plugin process (provider/serializableProvider.ts).
 */
import * as fs from "node:fs";
import * as path from "node:path";
import { FinetunedModel } from "../../provider";
import { REPO_ROOT } from "../lib/localStack";
import { installPackageInto } from "../lib/packagedInstall";

export const LAYOUTS = ["sourceCheckout", "installedPackage"] as const;
export type LayoutName = (typeof LAYOUTS)[number];

export const LAYOUT_LABELS: Record<LayoutName, string> = {
  sourceCheckout: "source checkout",
  installedPackage: "installed package",
};

export interface ProviderLayout {
  name: LayoutName;
  FinetunedModel: typeof FinetunedModel;
  /**
   * The Pulumi project's main directory, where the plugin process starts and resolves packages; the repository
   * when omitted. The installed package must be resolvable from it.
   */
  mainDir?: string;
}

export const SOURCE_CHECKOUT: ProviderLayout = { name: "sourceCheckout", FinetunedModel };

export interface ProviderLayouts {
  /** The installed package is compiled into a throwaway project on first use, once per bench run. */
  get(name: LayoutName): ProviderLayout;
  /** Removes that project, if one was made. */
  cleanup(): Promise<void>;
}

/** Under the repository (git-ignored), so the package's own dependencies resolve from its node_modules. */
export function packagedProjectDir(pid: number = process.pid): string {
  return path.join(REPO_ROOT, ".pulumi-local", `bench-packaged-${pid}`);
}

export function providerLayouts(projectDir: string = packagedProjectDir()): ProviderLayouts {
  let installed: ProviderLayout | undefined;
  return {
    get: (name) => (name === "sourceCheckout" ? SOURCE_CHECKOUT : (installed ??= installPackage(projectDir))),
    cleanup: () => fs.promises.rm(projectDir, { recursive: true, force: true }),
  };
}

function installPackage(projectDir: string): ProviderLayout {
  const packageDir = installPackageInto(projectDir);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { FinetunedModel } = require(packageDir) as typeof import("../../provider");
  return { name: "installedPackage", FinetunedModel, mainDir: projectDir };
}

/** One value per layout, in layout order. */
export function perLayout<T>(value: (name: LayoutName) => T): Record<LayoutName, T> {
  return Object.fromEntries(LAYOUTS.map((name) => [name, value(name)])) as Record<LayoutName, T>;
}

/** Runs `body` for each layout in turn, never two at once: their figures are compared with each other. */
export async function forEachLayout<T>(
  layout: (name: LayoutName) => ProviderLayout,
  body: (layout: ProviderLayout) => Promise<T>,
): Promise<Record<LayoutName, T>> {
  const results: Partial<Record<LayoutName, T>> = {};
  for (const name of LAYOUTS) results[name] = await body(layout(name));
  return results as Record<LayoutName, T>;
}
