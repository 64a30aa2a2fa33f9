import { mean, median, round, spread } from "../lib/statistics";

describe("bench statistics", () => {
  it("takes the middle value of an odd count and the mean of the middle two of an even one", () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("gives a median with its spread, whatever the order", () => {
    expect(spread([12, 10, 30])).toEqual({ median: 12, min: 10, max: 30 });
  });

  it("refuses the median and the mean of nothing", () => {
    expect(() => median([])).toThrow("no values");
    expect(() => mean([])).toThrow("no values");
  });

  it("rounds to the digits asked", () => {
    expect(mean([1, 2, 4])).toBeCloseTo(2.3333, 4);
    expect(round(2.34567, 2)).toBe(2.35);
    expect(round(1234.5)).toBe(1235);
  });
});
