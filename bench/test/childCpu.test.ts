import { childCpuTicks } from "../lib/childCpu";

describe("bench child CPU", () => {
  it("reads cutime and cstime, even when the command name holds spaces and parentheses", () => {
    const fields = "S 1 2 3 4 5 6 7 8 9 10 11 12 300 45 17 18";
    expect(childCpuTicks(`4242 (node (a b)) ${fields}`)).toBe(345);
  });
});
