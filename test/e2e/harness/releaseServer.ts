/**
 * A release's download server, as GitHub's release assets are to users: the files of a directory over HTTP on
 * 127.0.0.1, with a log of every path asked for, so a test can count the plugin downloads.
 */
import * as fs from "node:fs";
import * as http from "node:http";
import type { AddressInfo } from "node:net";
import * as path from "node:path";

export interface ReleaseServer {
  /** `http://127.0.0.1:<port>`. */
  readonly url: string;
  /** The paths asked for, in order, whether served or not. */
  readonly requested: string[];
  close(): Promise<void>;
}

export async function serveReleases(root: string): Promise<ReleaseServer> {
  const requested: string[] = [];
  const server = http.createServer((request, response) => {
    const urlPath = decodeURIComponent(new URL(request.url ?? "/", "http://localhost").pathname);
    requested.push(urlPath);
    const file = path.join(root, path.normalize(urlPath));
    if (!file.startsWith(root + path.sep) || !fs.existsSync(file) || !fs.statSync(file).isFile()) {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { "content-length": fs.statSync(file).size });
    fs.createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requested,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
