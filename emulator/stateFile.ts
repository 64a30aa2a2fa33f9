import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { BackendSnapshot } from "./backend/backend";

export function loadSnapshot(path: string): BackendSnapshot | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = JSON.parse(readFileSync(path, "utf8")) as BackendSnapshot;
  if (parsed.version !== 1) throw new Error(`unsupported emulator state file version in ${path}`);
  return parsed;
}

/** Written to a temporary file and renamed, so a crash mid-write never leaves a torn state file. */
export function saveSnapshot(path: string, snapshot: BackendSnapshot): void {
  const temporary = `${path}.${process.pid}.tmp`;
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(temporary, JSON.stringify(snapshot));
  renameSync(temporary, path);
}
