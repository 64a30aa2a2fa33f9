/** The files of a release directory, named as `checksums.txt` names them: relative paths with `/`, sorted. */
import * as fs from "node:fs";
import * as path from "node:path";

/** Every file under `root` (or under its folder `under`), relative to `root`. */
export function releaseFiles(root: string, under = ""): string[] {
  return (fs.readdirSync(path.join(root, under), { recursive: true, withFileTypes: true }) as fs.Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join("/"))
    .sort();
}
