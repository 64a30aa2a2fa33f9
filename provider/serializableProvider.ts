/** What a resource hands to Pulumi to serialize into state as its provider. */
import * as path from "node:path";
import type * as dynamic from "@pulumi/pulumi/dynamic";

const packageName = "pulumi-cohere-finetuning";
export type ProviderExport = "FinetunedModelProvider" | "DatasetProvider";

/**
 * Installed as a package, a resource's serialized provider is a small stub that loads the provider from the
 * package at run time: about 2 KB in state instead of 80 KB of code (stored twice per resource), and
 * `refresh`/`destroy` run the installed version instead of the code of the day the resource was created. From
 * a source checkout (this repository's own tests and demo) the package cannot be required by its name, so
 * there the provider itself is serialized, as Pulumi does for any dynamic provider.
 */
export function serializableProvider(
  exportName: ProviderExport,
  localProvider: () => dynamic.ResourceProvider,
): dynamic.ResourceProvider {
  return isInstalledPackage(__dirname) ? packagedProvider(exportName) : localProvider();
}

export function isInstalledPackage(directory: string): boolean {
  const parts = directory.split(path.sep);
  return parts.includes("node_modules") && parts.includes(packageName);
}

interface PackagedProvider extends dynamic.ResourceProvider {
  loaded?: dynamic.ResourceProvider;
  load(): dynamic.ResourceProvider;
}

/**
 * State lives on the object, not in closure variables: Pulumi's serializer gives a function a fresh copy of the
 * variables it captured on every call, so an assignment to one would be lost.
 */
function packagedProvider(exportName: ProviderExport): PackagedProvider {
  return {
    load() {
      // Resolved from the Pulumi project's directory, where the plugin runs and the package is installed.
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      this.loaded ??= new (require(`${packageName}/providers`)[exportName])() as dynamic.ResourceProvider;
      return this.loaded;
    },
    async configure(req) {
      return this.load().configure?.(req);
    },
    async check(olds, news) {
      return this.load().check!(olds, news);
    },
    async diff(id, olds, news) {
      return this.load().diff!(id, olds, news);
    },
    async create(inputs) {
      return this.load().create(inputs);
    },
    async read(id, props) {
      return this.load().read!(id, props);
    },
    async update(id, olds, news) {
      return this.load().update!(id, olds, news);
    },
    async delete(id, props) {
      return this.load().delete!(id, props);
    },
  };
}
