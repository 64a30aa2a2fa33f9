import { fleetResourceName, floorPadding, yamlFleetProgram } from "../lib/yamlFleet";

describe("bench YAML fleet program", () => {
  it("declares the plugin by its directory and N resources of the type, with JSON properties", () => {
    const program = yamlFleetProgram({
      plugin: { name: "nativefloor", dir: "plugins/floor dir" },
      type: "nativefloor:index:Resource",
      count: 2,
      properties: { paddingBytes: 3 },
    });
    expect(program).toBe(
      [
        "name: bench-plugin",
        "runtime: yaml",
        "plugins:",
        "  providers:",
        "    - name: nativefloor",
        '      path: "plugins/floor dir"',
        "resources:",
        "  r-0001:",
        "    type: nativefloor:index:Resource",
        '    properties: {"paddingBytes":3}',
        "  r-0002:",
        "    type: nativefloor:index:Resource",
        '    properties: {"paddingBytes":3}',
        "",
      ].join("\n"),
    );
  });

  it("names resources with the same length", () => {
    expect([fleetResourceName(0), fleetResourceName(499)]).toEqual(["r-0001", "r-0500"]);
  });
});

describe("bench native floor padding", () => {
  const entryBytes = (padding: number) => 1000 + padding + 2 * (String(padding).length - 1);

  it("makes the entry the target, the number's own digits included", () => {
    for (const target of [1000, 1001, 1009, 1012, 1100, 1111, 3260, 12_000]) {
      expect(entryBytes(floorPadding(target, 1000))).toBe(target);
    }
  });

  it("stays at most two bytes short where the number's extra digit jumps over the target", () => {
    expect(entryBytes(floorPadding(1010, 1000))).toBe(1009);
    expect(entryBytes(floorPadding(1011, 1000))).toBe(1009);
  });

  it("pads nothing when the entry is already as large", () => {
    expect(floorPadding(900, 1000)).toBe(0);
  });
});
