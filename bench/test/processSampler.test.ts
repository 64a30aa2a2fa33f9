import { peakRssKiB, processCpuTicks } from "../lib/processSampler";

describe("bench process sampler", () => {
  it("reads utime and stime, even when the command name holds spaces and parentheses", () => {
    const fields = "S 1 2 3 4 5 6 7 8 9 10 120 30 13 14 15 16";
    expect(processCpuTicks(`4242 (pulumi-resource (a b)) ${fields}`)).toBe(150);
  });

  it("reads the peak RSS, and 0 for a process that has ended", () => {
    expect(peakRssKiB("Name:\tx\nVmPeak:\t  900 kB\nVmHWM:\t   51234 kB\nVmRSS:\t 40000 kB\n")).toBe(51234);
    expect(peakRssKiB("Name:\tx\nState:\tZ (zombie)\n")).toBe(0);
  });
});
