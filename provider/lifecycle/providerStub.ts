/** What a resource records in state as its provider: one line that loads the provider of the installed package. */

export type ProviderExport = "FinetunedModelProvider" | "DatasetProvider";

const providersModule = "pulumi-cohere-finetuning/providers";

/**
 * The module text Pulumi's dynamic provider host evaluates as a resource's provider (`__provider`): it exports
 * `handler`, which returns the provider. It runs in Pulumi's plugin process, whose working directory is the Pulumi
 * project, so it resolves the package from there: from the project's node_modules, or through Node's
 * self-reference when the project is the package's own repository. `refresh` and `destroy` thus always run the
 * installed version of the provider.
 *
 * Written by hand rather than produced by Pulumi's closure serializer, which would copy code into state and must
 * parse it with whatever TypeScript the project has (3.8 in a project without TypeScript). Kept short because it
 * is stored twice per resource and the engine rewrites the whole state after every step. The text is the same
 * for every version of the package, so upgrading never shows up as a change.
 */
export function providerModuleText(exportName: ProviderExport): string {
  const notInstalled = `pulumi-cohere-finetuning manages this stack but is not installed in "+process.cwd()+": npm install it`;
  return (
    `exports.handler=()=>{let p;try{p=require("module").createRequire(process.cwd()+"/")("${providersModule}")}` +
    `catch(e){throw e.code=="MODULE_NOT_FOUND"&&e.message.includes("'${providersModule}'")?Error("${notInstalled}"):e}` +
    `return new p.${exportName}}`
  );
}
