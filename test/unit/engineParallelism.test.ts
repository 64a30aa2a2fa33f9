import { engineParallelism, parallelFlag } from "../../provider/lifecycle/engineParallelism";

/** A process tree: pid → [parent pid, argv]. */
function procs(tree: Record<number, [number, string[]]>) {
  return (path: string): string | undefined => {
    const [, pid, file] = path.match(/^\/proc\/(\d+)\/(\w+)$/) ?? [];
    const entry = tree[Number(pid)];
    if (!entry) return undefined;
    return file === "cmdline" ? entry[1].join("\0") + "\0" : `Name:\tx\nPPid:\t${entry[0]}\n`;
  };
}

/** node (pid 100, not read) → language host 20 → pulumi 10. */
const underPulumi = (...args: string[]) =>
  procs({
    20: [10, ["/usr/bin/pulumi-language-nodejs", "-root", "/p", "127.0.0.1:1234"]],
    10: [1, ["/home/u/.pulumi/bin/pulumi", ...args]],
  });
const detect = (readProc: (path: string) => string | undefined, env: NodeJS.ProcessEnv = {}) =>
  engineParallelism({ readProc, env, cpus: 2, ppid: 20 });

describe("engineParallelism", () => {
  it.each([
    [["up", "--parallel", "16"]],
    [["up", "--parallel=16"]],
    [["preview", "-p", "16"]],
    [["refresh", "-p16"]],
    [["destroy", "--yes", "-p=16"]],
    [["update", "--stack", "dev", "--parallel", "16", "--yes"]],
  ])("reads the flag of the pulumi ancestor: %j", (args) => {
    expect(detect(underPulumi(...args), { PULUMI_PARALLEL: "3" })).toEqual({ slots: 16, source: "flag" });
  });

  it("skips ancestors that are not pulumi, even when they have a -p", () => {
    const readProc = procs({
      30: [20, ["/bin/sh", "-c", "node x.js", "-p", "99"]],
      20: [10, ["/usr/bin/pulumi-language-nodejs", "-p", "98"]],
      10: [1, ["/usr/local/bin/pulumi", "up", "-p", "5"]],
    });
    expect(engineParallelism({ readProc, env: {}, cpus: 2, ppid: 30 })).toEqual({ slots: 5, source: "flag" });
  });

  it.each([
    [["up", "--parallel", "lots"]],
    [["up", "-p0"]],
    [["up", "--parallel="]],
    [["up", "-p", "-3"]],
    [["up"]],
  ])("ignores junk or missing values: %j", (args) => {
    expect(detect(underPulumi(...args))).toEqual({ slots: 8, source: "default" });
  });

  it("ignores a -p that is not on an operation that takes --parallel, or comes after --", () => {
    expect(parallelFlag(["pulumi", "config", "set", "-p", "4"])).toBeUndefined();
    expect(parallelFlag(["pulumi", "up", "--", "-p", "4"])).toBeUndefined();
  });

  it("takes PULUMI_PARALLEL when no flag is found", () => {
    expect(detect(underPulumi("up"), { PULUMI_PARALLEL: "12" })).toEqual({
      slots: 12,
      source: "PULUMI_PARALLEL",
    });
  });

  it.each(["", "0", "many", "-2"])("takes 4 per CPU when PULUMI_PARALLEL is %j", (value) => {
    expect(detect(underPulumi("up"), { PULUMI_PARALLEL: value })).toEqual({ slots: 8, source: "default" });
  });

  it("takes 4 per CPU when /proc cannot be read or there is no pulumi ancestor within 8 levels", () => {
    expect(detect(() => undefined)).toEqual({ slots: 8, source: "default" });
    const deep = Object.fromEntries(
      Array.from({ length: 10 }, (_, i) => [i + 2, [i + 3, ["/bin/sh"]] as [number, string[]]]),
    );
    deep[12] = [1, ["pulumi", "up", "-p", "7"]];
    expect(engineParallelism({ readProc: procs(deep), env: {}, cpus: 3, ppid: 2 })).toEqual({
      slots: 12,
      source: "default",
    });
    expect(engineParallelism({ readProc: procs(deep), env: {}, cpus: 3, ppid: 5 })).toEqual({
      slots: 7,
      source: "flag",
    });
  });
});
