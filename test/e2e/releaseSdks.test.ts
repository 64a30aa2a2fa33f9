/**
 * The SDK packages of a release, built from the package schema by the Pulumi CLI's gen-sdk: each names the
 * release's version and its plugin server, the npm tarball holds compiled JavaScript, and a Go program that
 * replaces the module with the built directory compiles against it.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { promisify } from "node:util";
import { packageSchema } from "../../provider/plugin/schema";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import { buildSdks } from "../../scripts/lib/release/sdks";

const execFileAsync = promisify(execFile);
const step = 600_000;
const version = "1.2.3";
const server = "http://127.0.0.1:9/x";
const goModule = "github.com/cohere-pulumi/pulumi-cohere-finetuning/sdk";

let root: string;
let out: string;
let files: string[];

async function run(command: string, args: string[], cwd: string): Promise<string> {
  return (await execFileAsync(command, args, { cwd, maxBuffer: 64 * 1024 * 1024 })).stdout;
}

beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-release-sdks-"));
  out = path.join(root, "release");
  const schemaFile = path.join(root, "schema.json");
  fs.writeFileSync(schemaFile, JSON.stringify(packageSchema(checkoutRelease({ version, server }))));
  files = await buildSdks({
    schemaFile,
    outDir: out,
    log: (message) => process.stderr.write(`${message}\n`),
  });
}, step);
afterAll(() => {
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

describe("buildSdks", () => {
  it("writes the wheel and the sdist of pulumi_cohere at the release's version, naming its server", async () => {
    const wheel = `python/pulumi_cohere-${version}-py3-none-any.whl`;
    expect(files).toEqual(expect.arrayContaining([wheel, `python/pulumi_cohere-${version}.tar.gz`]));
    expect(files.filter((file) => file.startsWith("python/"))).toHaveLength(2);
    const plugin = JSON.parse(await run("unzip", ["-p", wheel, "pulumi_cohere/pulumi-plugin.json"], out));
    expect(plugin).toMatchObject({ resource: true, name: "cohere", version, server });
    const metadata = await run("unzip", ["-p", wheel, `pulumi_cohere-${version}.dist-info/METADATA`], out);
    expect(metadata).toMatch(new RegExp(`^Version: ${version.replace(/\./g, "\\.")}$`, "m"));
  });

  it("writes the Node.js SDK's npm tarball, compiled, at the release's version, naming its server", async () => {
    const tarball = `nodejs/pulumi-cohere-${version}.tgz`;
    expect(files.filter((file) => file.startsWith("nodejs/"))).toEqual([tarball]);
    const unpacked = path.join(root, "unpacked");
    fs.mkdirSync(unpacked);
    await run("tar", ["-xzf", path.join(out, tarball), "-C", unpacked], root);
    const packageDir = path.join(unpacked, "package");
    const packageJson = JSON.parse(fs.readFileSync(path.join(packageDir, "package.json"), "utf8"));
    expect(packageJson).toMatchObject({ name: "pulumi-cohere", version, pulumi: { name: "cohere", server } });
    for (const file of ["index.js", "index.d.ts", "finetunedModel.js", "finetunedModel.d.ts", "README.md"]) {
      expect(fs.existsSync(path.join(packageDir, file))).toBe(true);
    }
    expect(
      fs.readdirSync(packageDir).filter((file) => file.endsWith(".ts") && !file.endsWith(".d.ts")),
    ).toEqual([]);
  });

  it(
    "writes a Go module that a program builds against through a replace",
    async () => {
      expect(files).toEqual(
        expect.arrayContaining(["go/go.mod", "go/go.sum", "go/go/cohere/finetunedModel.go"]),
      );
      const goMod = fs.readFileSync(path.join(out, "go", "go.mod"), "utf8");
      expect(goMod).toMatch(new RegExp(`^module ${goModule}$`, "m"));
      const goVersion = /^go (\S+)$/m.exec(goMod)?.[1];
      const plugin = JSON.parse(
        fs.readFileSync(path.join(out, "go", "go", "cohere", "pulumi-plugin.json"), "utf8"),
      );
      expect(plugin).toMatchObject({ resource: true, name: "cohere", version, server });

      const program = path.join(root, "program");
      fs.mkdirSync(program);
      fs.writeFileSync(
        path.join(program, "go.mod"),
        [
          "module example.com/program",
          `go ${goVersion}`,
          `require ${goModule} v0.0.0`,
          `replace ${goModule} => ${path.join(out, "go")}`,
          "",
        ].join("\n\n"),
      );
      fs.writeFileSync(
        path.join(program, "main.go"),
        [
          "package main",
          "",
          `import "${goModule}/go/cohere"`,
          "",
          "func main() { _ = cohere.NewFinetunedModel }",
          "",
        ].join("\n"),
      );
      await run("go", ["mod", "tidy"], program);
      await run("go", ["build", "-trimpath", "-o", "program", "."], program);
      expect(fs.existsSync(path.join(program, "program"))).toBe(true);
    },
    step,
  );

  it("writes the C# sources with a .csproj at the release's version", () => {
    const csproj = files.find((file) => /^dotnet\/[^/]+\.csproj$/.test(file));
    expect(csproj).toBeDefined();
    expect(fs.readFileSync(path.join(out, csproj!), "utf8")).toContain(`<Version>${version}</Version>`);
    expect(files).toContain("dotnet/FinetunedModel.cs");
  });
});
