import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";

const BACKEND = join(__dirname, "..", "..", "emulator", "backend");
const backendSources = readdirSync(BACKEND)
  .filter((file) => file.endsWith(".ts"))
  .map((file) => ({ file, source: readFileSync(join(BACKEND, file), "utf8") }));

/** Exported functions and class methods: what the HTTP layer calls. */
const ENTRY_POINT = /^(?:export (?:async )?function \w+|  (?:async )?\w+)\(([^)]*)\)/gm;

describe("the emulator's layers, as in moto: backend/ holds state and rules, http/ parses", () => {
  test("backend/ depends on neither fastify, multipart nor http/", () => {
    for (const { file, source } of backendSources) {
      expect({ file, imports: source.match(/from "(fastify|@fastify\/[^"]+|\.\.\/http[^"]*)"/g) }).toEqual({
        file,
        imports: null,
      });
    }
  });

  test("backend/ entry points take typed inputs, never a raw body or query", () => {
    for (const { file, source } of backendSources) {
      const untyped = [...source.matchAll(ENTRY_POINT)]
        .filter(([, parameters]) => /: unknown\b|Record<string, unknown>/.test(parameters))
        .map(([signature]) => signature);
      expect({ file, untyped }).toEqual({ file, untyped: [] });
    }
  });
});
