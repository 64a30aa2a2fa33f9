import { generatedName } from "../../provider/lifecycle/naming";
import { isPendingName, pendingName } from "../../provider/finetunedModel/naming";

describe("generated names", () => {
  it("are <resource name>-<8 hex>, fresh every time", () => {
    const names = new Set(Array.from({ length: 50 }, () => generatedName("support-bot")));
    expect(names.size).toBe(50);
    for (const name of names) expect(name).toMatch(/^support-bot-[0-9a-f]{8}$/);
  });

  it("shorten only the stem to fit a limit", () => {
    const long = "a-very-long-resource-name-for-the-support-team-training-data";
    expect(generatedName(long, 40)).toMatch(new RegExp(`^${long.slice(0, 40)}-[0-9a-f]{8}$`));
  });
});

describe("the pending name of a create in flight", () => {
  it("is the same for a resource on every run, and different for another stack or resource", () => {
    const name = pendingName("proj/dev", "support-bot");
    expect(pendingName("proj/dev", "support-bot")).toBe(name);
    expect(pendingName("proj/prod", "support-bot")).not.toBe(name);
    expect(pendingName("proj/dev", "support-bot-2")).not.toBe(name);
    expect(name).toMatch(/^support-bot-[0-9a-f]{8}-creating$/);
  });

  it("is told apart from a generated or declared name", () => {
    expect(isPendingName(pendingName("p/s", "r"))).toBe(true);
    expect(isPendingName(generatedName("r"))).toBe(false);
    expect(isPendingName("support-bot")).toBe(false);
    expect(isPendingName(undefined)).toBe(false);
  });
});
