import { readmeFigures, renderFigures } from "../readmeFigures";
import { latestResults } from "../results";

describe("bench/README.md", () => {
  it("shows the figures of the latest results file", () => {
    expect(readmeFigures()).toBe(renderFigures(latestResults()));
  });
});
