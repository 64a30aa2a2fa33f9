import { reconcile } from "../../scripts/lib/reconcile";

describe("reconciliation of state and service", () => {
  it("finds nothing wrong when each model is recorded once", () => {
    const models = [
      { id: "a", name: "one" },
      { id: "b", name: "two" },
    ];
    expect(reconcile(models, models)).toEqual({
      duplicates: 0,
      orphans: 0,
      untrackedInService: [],
      missingFromService: [],
    });
  });

  it("counts a second model of one name as a duplicate, and unrecorded or missing models as orphans", () => {
    const inState = [
      { id: "a", name: "one" },
      { id: "gone", name: "three" },
    ];
    const inService = [
      { id: "a", name: "one" },
      { id: "a2", name: "one" },
    ];
    expect(reconcile(inState, inService)).toEqual({
      duplicates: 1,
      orphans: 2,
      untrackedInService: ["a2"],
      missingFromService: ["gone"],
    });
  });
});
