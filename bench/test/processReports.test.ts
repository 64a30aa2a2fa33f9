import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { onlyProcess, parseProcessReports, PROCESS_REPORT_PROBE, processRole } from "../lib/processReports";

const project = path.join(os.tmpdir(), "project", "node_modules", "@pulumi", "pulumi");

describe("bench process reports", () => {
  it("tells the provider and program processes from the other Node.js processes Pulumi starts", () => {
    expect(processRole({ script: `${project}/cmd/dynamic-provider/index.js` })).toBe("provider");
    expect(processRole({ script: `${project}/cmd/run/index.js` })).toBe("program");
    expect(processRole({ script: "/usr/bin/npm" })).toBeUndefined();
    expect(processRole({ script: "" })).toBeUndefined();
  });

  it("takes the one process of a role, and refuses a run with none or several", () => {
    const reports = parseProcessReports(
      [
        { pid: 1, script: `${project}/cmd/run/index.js`, maxRssKiB: 200, cpuMs: 9 },
        { pid: 2, script: `${project}/cmd/dynamic-provider`, maxRssKiB: 100, cpuMs: 5 },
        { pid: 3, script: `${project}/cmd/dynamic-provider`, maxRssKiB: 100, cpuMs: 5 },
      ]
        .map((report) => JSON.stringify(report))
        .join("\n"),
    );
    expect(onlyProcess(reports, "program").pid).toBe(1);
    expect(() => onlyProcess(reports, "provider")).toThrow("found 2");
    expect(() => onlyProcess([], "program")).toThrow("found 0");
  });

  describe("the probe required into Pulumi's Node.js processes", () => {
    let dir: string;
    beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-probe-"))));
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    const run = (script: string, signal?: NodeJS.Signals) =>
      new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve, reject) => {
        const child = spawn(process.execPath, ["--require", PROCESS_REPORT_PROBE, "-e", script], {
          env: { ...process.env, BENCH_PROCESS_REPORTS: path.join(dir, "reports.jsonl") },
          stdio: ["ignore", "pipe", "inherit"],
        });
        child.stdout.once("data", () => signal && child.kill(signal));
        child.on("error", reject);
        child.on("exit", (code, exitSignal) => resolve({ code, signal: exitSignal }));
      });
    const reports = () => parseProcessReports(fs.readFileSync(path.join(dir, "reports.jsonl"), "utf8"));

    it("reports the peak memory and CPU time of a process that exits", async () => {
      expect(await run("console.log('started')")).toEqual({ code: 0, signal: null });
      expect(reports()).toEqual([expect.objectContaining({ script: "", maxRssKiB: expect.any(Number) })]);
      expect(reports()[0].maxRssKiB).toBeGreaterThan(0);
    });

    it("reports a process that Pulumi interrupts, which still ends by that signal", async () => {
      expect(await run("console.log('started'); setInterval(() => {}, 1000)", "SIGINT")).toEqual({
        code: null,
        signal: "SIGINT",
      });
      expect(reports()).toHaveLength(1);
    });
  });
});
