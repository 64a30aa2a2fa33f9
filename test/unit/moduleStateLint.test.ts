/** The lint rule that keeps every host's state in its context: no module of the provider holds any. */
import { execFileSync } from "node:child_process";
import * as path from "node:path";

const root = path.resolve(__dirname, "../..");

interface Snippet {
  code: string;
  file: string;
}

/**
 * The repository's config, run by ESLint's Node API in a process of its own: Jest cannot load the config module.
 * Each snippet gives the messages of the module-state rule.
 */
function moduleStateErrors(snippets: Snippet[]): string[][] {
  const script = `
    const { ESLint } = require("eslint");
    const snippets = JSON.parse(require("node:fs").readFileSync(0, "utf8"));
    const eslint = new ESLint({ cwd: process.cwd() });
    Promise.all(snippets.map(({ code, file }) => eslint.lintText(code, { filePath: file }))).then((results) =>
      console.log(JSON.stringify(results.map(([result]) => result.messages
        .filter((m) => m.ruleId === "no-restricted-syntax" && /Module-level state/.test(m.message))
        .map((m) => m.message)))));`;
  const input = JSON.stringify(snippets.map(({ code, file }) => ({ code, file: path.join(root, file) })));
  return JSON.parse(execFileSync(process.execPath, ["-e", script], { cwd: root, input, encoding: "utf8" }));
}

const refused = [
  "let x = 1;",
  "export let x = 1;",
  "var x = 1;",
  "const cache = new Map<string, number>();",
  "export const controller = new AbortController();",
  "const sinks = { log: new Set<string>() };",
];
const allowed = [
  "const pattern = new RegExp(`^a+$`);",
  'const utf8 = new TextDecoder("utf-8", { fatal: true });',
  "export function f() {\n  let x = 1;\n  const seen = new Set<number>([x]);\n  return seen;\n}",
  "const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));",
];
const underProvider = (code: string) => ({ code, file: "provider/lifecycle/example.ts" });

describe("the provider's modules hold no state", () => {
  const errors = moduleStateErrors([
    ...refused.map(underProvider),
    ...allowed.map(underProvider),
    { code: "let context: Map<string, number> | undefined;", file: "provider/providers.ts" },
  ]);

  it.each(refused.map((code, i) => [code, i] as const))("refuses %s at module level", (_code, i) => {
    expect(errors[i]).toHaveLength(1);
  });

  it.each(allowed.map((code, i) => [code, refused.length + i] as const))("allows %s", (_code, i) => {
    expect(errors[i]).toEqual([]);
  });

  it("allows the dynamic host's entry point to keep its context", () => {
    expect(errors[refused.length + allowed.length]).toEqual([]);
  });
});
