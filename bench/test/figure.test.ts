import { checked, violations } from "../figure";

describe("bench figure violations", () => {
  it("lists every missed target and broken count, and nothing for rows without a target", () => {
    const report = {
      title: "t",
      rows: [
        { measure: "reported only", value: "3" },
        checked("ratio", "1.10×", "≤ 1.2×", true),
        checked("calls", "31", "≤ 30", false),
      ],
      brokenCounts: ["could not be measured"],
    };
    expect(violations(report)).toEqual(["calls: 31, target ≤ 30", "could not be measured"]);
  });
});
