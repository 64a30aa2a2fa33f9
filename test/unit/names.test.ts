import { generatedName } from "../../provider/lifecycle/generatedName";
import { isPendingName, pendingName, pendingNames } from "../../provider/finetunedModel/pendingName";

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

describe("the pending name with the stack's key", () => {
  const [scope, resource] = ["proj/prod", "support-bot"];
  const keyless = pendingName(scope, resource);

  it("differs between stacks of the same names whose keys differ, and keeps the keyless stem", () => {
    const a = pendingName(scope, resource, "encryptionsalt:v1:aaa");
    const b = pendingName(scope, resource, "encryptionsalt:v1:bbb");
    expect(a).not.toBe(b);
    expect(a).toMatch(new RegExp(`^${keyless.replace("-creating", "")}-[0-9a-f]{8}-creating$`));
    expect(isPendingName(a)).toBe(true);
  });

  it("takes as its own its key's name first, then the keyless one, never another key's", () => {
    const own = pendingNames(scope, resource, "encryptionsalt:v1:aaa");
    expect(own.sent).toBe(pendingName(scope, resource, "encryptionsalt:v1:aaa"));
    expect(own.rankOf(own.sent)).toBe(0);
    expect(own.rankOf(keyless)).toBe(1);
    expect(own.rankOf(pendingName(scope, resource, "encryptionsalt:v1:bbb"))).toBe(-1);
    expect(own.rankOf(pendingName("proj/dev", resource))).toBe(-1);
    expect(own.underOtherKey(pendingName(scope, resource, "encryptionsalt:v1:bbb"))).toBe(true);
    expect(own.underOtherKey(own.sent)).toBe(false);
    expect(own.underOtherKey(keyless)).toBe(false);
    expect(pendingNames(scope, resource).underOtherKey(own.sent)).toBe(false);
  });

  it("without a key, sends the keyless name and may take any key's name of its own scope and resource", () => {
    const own = pendingNames(scope, resource);
    expect(own.sent).toBe(keyless);
    expect(own.rankOf(pendingName(scope, resource, "encryptionsalt:v1:aaa"))).toBe(2);
    expect(own.rankOf(pendingName(scope, "other", "encryptionsalt:v1:aaa"))).toBe(-1);
    expect(own.rankOf(`${resource}-12345678`)).toBe(-1);
  });
});
