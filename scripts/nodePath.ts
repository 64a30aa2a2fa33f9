import { ensureNode, NODE_VERSIONS, NodeMajor } from "./lib/nodeVersions";

// Prints only the directory on stdout, for `PATH="$(npm run -s node-path -- 22):$PATH"`; progress goes to stderr.
const requested = process.argv[2] ?? "";
if (Object.hasOwn(NODE_VERSIONS, requested)) {
  ensureNode(Number(requested) as NodeMajor).then(
    (dir) => console.log(dir),
    (error: unknown) => {
      console.error(error instanceof Error ? error.message : error);
      process.exitCode = 1;
    },
  );
} else {
  console.error(`Usage: npm run -s node-path -- <${Object.keys(NODE_VERSIONS).join("|")}>`);
  process.exitCode = 2;
}
