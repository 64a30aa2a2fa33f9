import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { stackKey } from "../../provider/lifecycle/stackKey";

function project(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "stack-key-"));
  for (const [name, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

describe("the stack's key, from its config file", () => {
  it("is the passphrase salt of Pulumi.<stack>.yaml beside Pulumi.yaml, found from a subdirectory", () => {
    const dir = project({
      "Pulumi.yaml": "name: p\nruntime: yaml\n",
      "Pulumi.prod.yaml": "encryptionsalt: v1:abc:v1:def:ghi\nconfig:\n  p:x: 1\n",
      "src/.keep": "",
    });
    expect(stackKey("prod", dir)).toBe("encryptionsalt:v1:abc:v1:def:ghi");
    expect(stackKey("prod", path.join(dir, "src"))).toBe("encryptionsalt:v1:abc:v1:def:ghi");
  });

  it("is a KMS stack's encrypted key, under stackConfigDir when the project sets one", () => {
    const dir = project({
      "Pulumi.yaml": "name: p\nruntime: nodejs\nstackConfigDir: stacks\n",
      "stacks/Pulumi.dev.yaml": 'secretsprovider: awskms://alias/x\nencryptedkey: "AQICAHh"\n',
    });
    expect(stackKey("dev", dir)).toBe("encryptedkey:AQICAHh");
  });

  it("is absent for a stack without a file, or one whose secrets Pulumi Cloud manages", () => {
    const dir = project({
      "Pulumi.yaml": "name: p\n",
      "Pulumi.cloud.yaml": "config:\n  p:encryptionsalt: no\n",
    });
    expect(stackKey("missing", dir)).toBeUndefined();
    expect(stackKey("cloud", dir)).toBeUndefined();
  });
});
