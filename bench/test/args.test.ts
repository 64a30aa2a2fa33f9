import { DEFAULT_REPETITIONS, FIGURES, isFullRun, parseBenchArgs } from "../args";

describe("bench command line", () => {
  it("runs every figure, three times each, by default", () => {
    const options = parseBenchArgs([]);
    expect(options).toEqual({ figures: [...FIGURES], repetitions: DEFAULT_REPETITIONS, help: false });
    expect(isFullRun(options)).toBe(true);
  });

  it("runs a subset in the figures' own order", () => {
    const options = parseBenchArgs(["--only", "faults, up", "--repetitions", "5"]);
    expect(options).toMatchObject({ figures: ["up", "faults"], repetitions: 5 });
    expect(isFullRun(options)).toBe(false);
  });

  it("rejects unknown figures and repetitions that are not positive integers", () => {
    expect(() => parseBenchArgs(["--only", "up,speed"])).toThrow("--only takes");
    expect(() => parseBenchArgs(["--repetitions", "0"])).toThrow("positive integer");
    expect(() => parseBenchArgs(["--models", "5"])).toThrow();
  });
});
