/** A large, valid `chat-finetune-input` JSONL file, written in chunks so the bench never holds it in memory. */
import * as fs from "node:fs";

const ROWS_PER_CHUNK = 1024;

export interface GeneratedFile {
  bytes: number;
  rows: number;
}

/** Writes whole conversations (about 1 KiB each) until one more would pass `maxBytes`. */
export function writeChatJsonl(file: string, maxBytes: number): GeneratedFile {
  const fd = fs.openSync(file, "w");
  let bytes = 0;
  let rows = 0;
  try {
    for (;;) {
      const lines: string[] = [];
      for (let i = 0; i < ROWS_PER_CHUNK; i++) lines.push(conversation(rows + i));
      let chunk = Buffer.from(lines.join(""));
      if (bytes + chunk.length > maxBytes) {
        const fitting = fitsIn(lines, maxBytes - bytes);
        chunk = Buffer.from(lines.slice(0, fitting).join(""));
        fs.writeSync(fd, chunk);
        return { bytes: bytes + chunk.length, rows: rows + fitting };
      }
      fs.writeSync(fd, chunk);
      bytes += chunk.length;
      rows += ROWS_PER_CHUNK;
    }
  } finally {
    fs.closeSync(fd);
  }
}

function fitsIn(lines: string[], budget: number): number {
  let used = 0;
  let count = 0;
  while (count < lines.length && used + Buffer.byteLength(lines[count]) <= budget)
    used += Buffer.byteLength(lines[count++]);
  return count;
}

function conversation(index: number): string {
  const question = `Customer ${index} asks how to move a subscription to another account. `.repeat(6);
  const answer =
    `Open Billing, choose Transfer, enter the other account's id and confirm (case ${index}). `.repeat(6);
  return `${JSON.stringify({
    messages: [
      { role: "System", content: "You are a concise support agent." },
      { role: "User", content: question.trim() },
      { role: "Chatbot", content: answer.trim() },
    ],
  })}\n`;
}
