import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { providerModuleText } from "../../provider/lifecycle/providerStub";

/** The TypeScript that Pulumi's closure serializer falls back to in a project without one. */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const fallbackTypeScript = require(
  path.join(
    path.dirname(require.resolve("@pulumi/pulumi/package.json")),
    "vendor",
    "typescript@3.8.3",
    "typescript.js",
  ),
) as typeof import("typescript");

/** What Pulumi's dynamic provider host does with a resource's `__provider`: evaluate it, call `handler()`. */
function runHandler(text: string, cwd: string): unknown {
  const module = { exports: {} as { handler?: () => unknown } };
  new Function("module", "exports", "require", text)(module, module.exports, require);
  const previous = process.cwd();
  process.chdir(cwd);
  try {
    return module.exports.handler!();
  } finally {
    process.chdir(previous);
  }
}

describe("the provider a resource records in state", () => {
  it.each(["FinetunedModelProvider", "DatasetProvider"] as const)(
    "for %s stays small and parses with TypeScript 3.8",
    (name) => {
      const text = providerModuleText(name);
      expect(Buffer.byteLength(text)).toBeLessThanOrEqual(400);
      const parsed = fallbackTypeScript.createSourceFile(
        "provider.js",
        text,
        fallbackTypeScript.ScriptTarget.ES2018,
      );
      expect((parsed as unknown as { parseDiagnostics: unknown[] }).parseDiagnostics).toEqual([]);
    },
  );

  it("is the same text for every version of the package, so an upgrade never shows as a change", () => {
    expect(providerModuleText("FinetunedModelProvider")).not.toMatch(/\d+\.\d+\.\d+/);
  });

  it("says what to install when the project does not have the package", () => {
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), "no-package-"));
    try {
      expect(() => runHandler(providerModuleText("FinetunedModelProvider"), empty)).toThrow(
        `pulumi-cohere-finetuning manages this stack but is not installed in ${fs.realpathSync(empty)}: npm install it`,
      );
    } finally {
      fs.rmSync(empty, { recursive: true, force: true });
    }
  });
});
