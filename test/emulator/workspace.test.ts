import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";

const ROOT = join(__dirname, "..", "..");
const manifest = (path: string) => JSON.parse(readFileSync(join(ROOT, path), "utf8"));

describe("the emulator is its own workspace package", () => {
  test("it declares fastify and multipart; the provider's package declares neither nor ships the emulator", () => {
    const emulator = manifest("emulator/package.json");
    expect(emulator).toMatchObject({
      name: "cohere-finetuning-emulator",
      main: "dist/index.js",
      types: "dist/index.d.ts",
      files: ["dist"],
      bin: { "cohere-emulator": "dist/cli.js" },
    });
    expect(Object.keys(emulator.dependencies).sort()).toEqual(["@fastify/multipart", "fastify"]);
    const root = manifest("package.json");
    expect(root.workspaces).toEqual(["emulator"]);
    expect(Object.keys(root.dependencies)).not.toEqual(expect.arrayContaining(["fastify"]));
    expect(Object.keys(root.dependencies)).not.toEqual(expect.arrayContaining(["@fastify/multipart"]));
    expect(Object.keys(root.exports)).not.toContain("./emulator");
    expect(root.files.join(" ")).not.toMatch(/emulator/);
  });

  test("code in the repository imports the emulator's source, never its directory (which resolves to a build)", () => {
    const search = spawnSync(
      "git",
      ["grep", "--untracked", "-nE", `from "(\\.\\./)+emulator"`, "--", "test", "scripts"],
      {
        cwd: ROOT,
        encoding: "utf8",
      },
    );
    expect(search.stdout).toBe("");
    expect(search.status).toBe(1);
  });
});
