/**
 * A `PATH` on which no Node.js is found: what a Python, Go or YAML user may well have. Each directory of the given
 * `PATH` that holds `node` is replaced by a directory of links to everything else in it.
 */
import * as fs from "node:fs";
import * as path from "node:path";

const nodeCommands = new Set(["node", "nodejs", "npm", "npx", "corepack"]);

export function pathWithoutNode(searchPath: string, linksRoot: string): string {
  return searchPath
    .split(path.delimiter)
    .filter((dir) => dir !== "")
    .map((dir, index) => {
      if (!fs.existsSync(path.join(dir, "node"))) return dir;
      const links = path.join(linksRoot, `path-${index}`);
      fs.mkdirSync(links, { recursive: true });
      for (const entry of fs.readdirSync(dir)) {
        if (!nodeCommands.has(entry)) fs.symlinkSync(path.join(dir, entry), path.join(links, entry));
      }
      return links;
    })
    .join(path.delimiter);
}
