/** What a resource records in state as its provider: a few lines that load the provider of the installed package. */
/* eslint-disable @typescript-eslint/no-require-imports -- the loader runs as text in Pulumi's plugin process */
import type * as dynamic from "@pulumi/pulumi/dynamic";

export type ProviderExport = "FinetunedModelProvider" | "DatasetProvider";

/**
 * Runs in Pulumi's plugin process, whose working directory is the Pulumi project. Resolving from there finds the
 * package in the project's node_modules, or through Node's self-reference when the project is the package's own
 * repository, so `refresh` and `destroy` always run the installed version of the provider.
 */
export function loadInstalledProvider(exportName: ProviderExport): dynamic.ResourceProvider {
  const projectRequire = require("module").createRequire(require("path").join(process.cwd(), "index.js"));
  let providers;
  try {
    providers = projectRequire("pulumi-cohere-finetuning/providers");
  } catch (caught) {
    const error = caught as NodeJS.ErrnoException;
    if (
      error.code !== "MODULE_NOT_FOUND" ||
      !error.message.includes("'pulumi-cohere-finetuning/providers'")
    ) {
      throw error;
    }
    throw new Error(
      `pulumi-cohere-finetuning manages this stack but is not installed in ${process.cwd()}: npm install it`,
    );
  }
  return new providers[exportName]();
}

/**
 * The module text Pulumi's dynamic provider host evaluates as a resource's provider (`__provider`, stored twice per
 * resource): it exports `handler`, which returns the provider. Written here rather than produced by Pulumi's
 * closure serializer, which would copy code into state and must parse it with whatever TypeScript the project has
 * (3.8 in a project without TypeScript). The text is the same for every version of the package, so upgrading
 * never shows up as a change.
 */
export function providerModuleText(exportName: ProviderExport): string {
  // One line: the function's compiled text (no comments inside it) without its indentation.
  const loader = loadInstalledProvider.toString().replace(/\n\s*/g, "");
  return `exports.handler=()=>(${loader})(${JSON.stringify(exportName)});`;
}
