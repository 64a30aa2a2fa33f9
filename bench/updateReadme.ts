/** `npm run bench:readme`: rewrites bench/README.md's figures from the latest results file, without measuring. */
import { writeReadmeFigures } from "./readmeFigures";
import { latestResults } from "./results";

writeReadmeFigures(latestResults());
