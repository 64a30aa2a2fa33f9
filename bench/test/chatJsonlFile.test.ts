import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { writeChatJsonl } from "../lib/chatJsonlFile";

describe("bench generated chat dataset", () => {
  it("writes whole, valid conversations up to the size asked and no further", () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-jsonl-"));
    try {
      const file = path.join(dir, "train.jsonl");
      const maxBytes = 2_500_000;
      const generated = writeChatJsonl(file, maxBytes);
      const text = fs.readFileSync(file, "utf8");
      const lines = text.split("\n").filter(Boolean);
      expect(generated).toEqual({ bytes: Buffer.byteLength(text), rows: lines.length });
      expect(generated.bytes).toBeLessThanOrEqual(maxBytes);
      expect(maxBytes - generated.bytes).toBeLessThan(Buffer.byteLength(lines[0]) + 100);
      for (const line of [lines[0], lines[lines.length - 1]]) {
        const roles = (JSON.parse(line) as { messages: Array<{ role: string }> }).messages.map((m) => m.role);
        expect(roles).toEqual(["System", "User", "Chatbot"]);
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
