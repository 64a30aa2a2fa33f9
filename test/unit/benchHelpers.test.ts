import { callKind, countCalls, countStatuses } from "../../scripts/bench/apiCallCounts";
import { defaultResultsName, FIGURES, parseBenchArgs } from "../../scripts/bench/args";
import { measureStateBytes, resourcesOfType } from "../../scripts/bench/exportedState";
import {
  isDynamicProviderCommand,
  parentFromStat,
  peakFromStatus,
} from "../../scripts/bench/providerProcesses";
import { reconcile } from "../../scripts/bench/reconcile";

const models = "/v1/finetuning/finetuned-models";
const id = "0b0c2f52-5f0a-4a39-9a43-1f0ad9c2a7e1";

describe("bench: API call counts", () => {
  it.each([
    ["POST", models, "create"],
    ["GET", models, "list"],
    ["GET", `${models}/${id}`, "get"],
    ["PATCH", `${models}/${id}`, "update"],
    ["DELETE", `${models}/${id}`, "delete"],
    ["GET", `${models}/${id}/events`, "other"],
    ["GET", "/v1/datasets/abc", "other"],
  ])("%s %s is a %s", (method, path, kind) => {
    expect(callKind({ method, path })).toBe(kind);
  });

  it("counts per kind with a total, and answers per status", () => {
    const requests = [
      { method: "POST", path: models, status: 200 },
      { method: "GET", path: `${models}/${id}`, status: 429 },
      { method: "GET", path: `${models}/${id}`, status: 0 },
    ];
    expect(countCalls(requests)).toEqual({
      create: 1,
      get: 2,
      list: 0,
      update: 0,
      delete: 0,
      other: 0,
      total: 3,
    });
    expect(countStatuses(requests)).toEqual({ "0": 1, "200": 1, "429": 1 });
  });
});

describe("bench: arguments", () => {
  it("runs every figure by default and a subset with --only, in bench order", () => {
    expect(parseBenchArgs([]).figures).toEqual([...FIGURES]);
    expect(parseBenchArgs(["--only", "polling,calls"]).figures).toEqual(["calls", "polling"]);
    expect(parseBenchArgs(["--models", "7"]).models).toBe(7);
  });

  it("rejects unknown figures and bad counts", () => {
    expect(() => parseBenchArgs(["--only", "calls,speed"])).toThrow(/--only/);
    expect(() => parseBenchArgs(["--models", "0"])).toThrow(/--models/);
  });

  it("names a subset's results file apart from the full run's", () => {
    expect(defaultResultsName("2026-01-02", [...FIGURES])).toBe("2026-01-02.json");
    expect(defaultResultsName("2026-01-02", ["calls", "polling"])).toBe("2026-01-02.calls+polling.json");
  });
});

describe("bench: exported state", () => {
  const provider = "exports.handler = __f0;";
  const exported = JSON.stringify({
    version: 3,
    deployment: {
      resources: [
        { urn: "urn:stack", type: "pulumi:pulumi:Stack" },
        {
          urn: "urn:a",
          type: "t:M",
          id: "a",
          inputs: { __provider: provider, name: "a" },
          outputs: { __provider: provider, name: "a" },
        },
      ],
    },
  });

  it("keeps the resources of one type", () => {
    expect(resourcesOfType(exported, "t:M").map((resource) => resource.id)).toEqual(["a"]);
  });

  it("measures a resource and the provider text it carries twice", () => {
    const bytes = measureStateBytes(exported, "t:M");
    const providerJson = JSON.stringify(provider).length;
    expect(bytes.resources).toBe(1);
    expect(bytes.providerBytes).toEqual({
      inputs: providerJson,
      outputs: providerJson,
      total: 2 * providerJson,
    });
    expect(bytes.resourceBytes.mean).toBe(
      JSON.stringify(JSON.parse(exported).deployment.resources[1]).length,
    );
    expect(bytes.providerShare).toBeCloseTo(bytes.providerBytes.total / bytes.resourceBytes.mean, 2);
  });

  it("fails when no resource has the type", () => {
    expect(() => measureStateBytes(exported, "t:Other")).toThrow(/t:Other/);
  });
});

describe("bench: reconciling state with the service", () => {
  it("counts extra models per name as duplicates and unmatched ids on either side as orphans", () => {
    const result = reconcile(
      [
        { id: "1", name: "a" },
        { id: "2", name: "b" },
        { id: "9", name: "gone" },
      ],
      [
        { id: "1", name: "a" },
        { id: "2", name: "b" },
        { id: "3", name: "b" },
      ],
    );
    expect(result).toEqual({
      duplicates: 1,
      orphans: 2,
      untrackedInService: ["3"],
      missingFromService: ["9"],
    });
  });

  it("is clean when both sides hold the same models", () => {
    const same = [{ id: "1", name: "a" }];
    expect(reconcile(same, same)).toMatchObject({ duplicates: 0, orphans: 0 });
  });
});

describe("bench: provider processes in /proc", () => {
  it("recognises the dynamic-provider node process, not its launcher", () => {
    const script = "/repo/node_modules/@pulumi/pulumi/cmd/dynamic-provider/index.js";
    expect(isDynamicProviderCommand(["node", script, "--root", "x"])).toBe(true);
    expect(isDynamicProviderCommand(["/usr/bin/node", script])).toBe(true);
    expect(
      isDynamicProviderCommand([
        "node",
        "-e",
        "console.log(require.resolve('@pulumi/pulumi/cmd/dynamic-provider'))",
      ]),
    ).toBe(false);
    expect(
      isDynamicProviderCommand([
        "/bin/sh",
        "/repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs",
      ]),
    ).toBe(false);
  });

  it("takes the larger of VmHWM and VmRSS", () => {
    expect(peakFromStatus("Name:\tnode\nVmHWM:\t  150000 kB\nVmRSS:\t  120000 kB\n")).toBe(150000);
    expect(peakFromStatus("Name:\tnode\nVmRSS:\t  120000 kB\n")).toBe(120000);
    expect(peakFromStatus("Name:\tkthreadd\n")).toBeUndefined();
  });

  it("reads the parent pid even when the command name holds spaces and parentheses", () => {
    expect(parentFromStat("4242 (node (x) y) S 4100 4242 4100 0 -1")).toBe(4100);
  });
});
