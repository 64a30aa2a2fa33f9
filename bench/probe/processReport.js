// Required into every Node.js process of a measured `pulumi` run (NODE_OPTIONS=--require): when the process ends it
// appends its peak RSS and CPU time to $BENCH_PROCESS_REPORTS. Pulumi ends the dynamic-provider process with SIGINT,
// on which Node.js emits no "exit"; so the report is written then and the signal raised again, to end as it would
// have without this file.
"use strict";
const fs = require("node:fs");

const file = process.env.BENCH_PROCESS_REPORTS;
let reported = false;

function report() {
  if (reported || !file) return;
  reported = true;
  const usage = process.resourceUsage();
  const line = {
    pid: process.pid,
    script: process.argv[1] ?? "",
    maxRssKiB: usage.maxRSS,
    cpuMs: (usage.userCPUTime + usage.systemCPUTime) / 1000,
  };
  fs.appendFileSync(file, `${JSON.stringify(line)}\n`);
}

process.on("exit", report);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.once(signal, () => {
    report();
    if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
  });
}
