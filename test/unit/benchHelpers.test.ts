import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { callKind, countCalls, countStatuses } from "../../scripts/bench/apiCallCounts";
import { defaultResultsName, FIGURES, parseBenchArgs } from "../../scripts/bench/args";
import { measureStateBytes, resourcesOfType } from "../../scripts/bench/exportedState";
import { FINETUNED_MODEL_TYPE } from "../../scripts/bench/fleets";
import {
  forEachLayout,
  LAYOUTS,
  type LayoutName,
  packagedProjectDir,
  perLayout,
  providerLayouts,
  type ProviderLayout,
  SOURCE_CHECKOUT,
} from "../../scripts/bench/layouts";
import type { LifecycleRun } from "../../scripts/bench/modelLifecycle";
import {
  isDynamicProviderCommand,
  parentFromStat,
  peakFromStatus,
} from "../../scripts/bench/providerProcesses";
import { reconcile } from "../../scripts/bench/reconcile";
import { measureStateSize, stubViolations } from "../../scripts/bench/stateSize";
import { REPO_ROOT } from "../../scripts/lib/localStack";

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

describe("bench: provider layouts", () => {
  it("puts the installed package's project under the repository, where its dependencies resolve", () => {
    const dir = packagedProjectDir(4242);
    expect(dir).toBe(path.join(REPO_ROOT, ".pulumi-local", "bench-packaged-4242"));
  });

  it("serves the source checkout without installing anything, and removes the project on cleanup", async () => {
    const project = fs.mkdtempSync(path.join(os.tmpdir(), "bench-layouts-"));
    const layouts = providerLayouts(project);
    expect(layouts.get("sourceCheckout")).toBe(SOURCE_CHECKOUT);
    expect(SOURCE_CHECKOUT.mainDir).toBeUndefined();
    expect(fs.readdirSync(project)).toEqual([]);
    await layouts.cleanup();
    expect(fs.existsSync(project)).toBe(false);
    await expect(layouts.cleanup()).resolves.toBeUndefined();
  });

  it("gives one value per layout, in layout order", () => {
    expect(perLayout((name) => name.length)).toEqual({ sourceCheckout: 14, installedPackage: 16 });
    expect(Object.keys(perLayout(() => 0))).toEqual([...LAYOUTS]);
  });

  it("runs the layouts one after the other, never two at once", async () => {
    const fake = (name: LayoutName): ProviderLayout => ({ ...SOURCE_CHECKOUT, name });
    const events: string[] = [];
    const results = await forEachLayout(fake, async ({ name }) => {
      events.push(`start ${name}`);
      await new Promise((resolve) => setTimeout(resolve, 5));
      events.push(`end ${name}`);
      return name.toUpperCase();
    });
    expect(events).toEqual([
      "start sourceCheckout",
      "end sourceCheckout",
      "start installedPackage",
      "end installedPackage",
    ]);
    expect(results).toEqual({ sourceCheckout: "SOURCECHECKOUT", installedPackage: "INSTALLEDPACKAGE" });
  });
});

describe("bench: state size of both layouts", () => {
  const exportOf = (provider: string) =>
    JSON.stringify({
      deployment: {
        resources: [0, 1].map((i) => ({
          urn: `urn:m${i}`,
          type: FINETUNED_MODEL_TYPE,
          id: `m${i}`,
          inputs: { __provider: provider, name: `m${i}` },
          outputs: { __provider: provider, name: `m${i}`, status: "STATUS_READY" },
        })),
      },
    });
  const lifecycle = (layout: LayoutName, provider: string) =>
    ({ models: 2, layout, exportedState: exportOf(provider) }) as unknown as LifecycleRun;
  const fullProvider = "x".repeat(8_000);
  const stub = "require(`${packageName}/providers`)";

  it("measures each layout's export and compares a model resource of the two", () => {
    const figure = measureStateSize({
      sourceCheckout: lifecycle("sourceCheckout", fullProvider),
      installedPackage: lifecycle("installedPackage", stub),
    });
    const { sourceCheckout, installedPackage } = figure.data.layouts;
    expect(figure.data.models).toBe(2);
    expect(sourceCheckout.providerBytes.inputs).toBe(JSON.stringify(fullProvider).length);
    expect(installedPackage.providerBytes.total).toBe(2 * JSON.stringify(stub).length);
    expect(installedPackage.stateBytes).toBe(exportOf(stub).length);
    expect(figure.data.installedOverSource).toBeCloseTo(
      installedPackage.resourceBytes.mean / sourceCheckout.resourceBytes.mean,
      3,
    );
    expect(figure.rows.map(([measure]) => measure)).toContain(
      "installed package: __provider per resource (inputs + outputs)",
    );
    expect(figure.violations).toEqual([]);
  });

  it("flags an installed package whose resources carry the provider itself instead of the stub", () => {
    const bytes = (total: number) => ({ providerBytes: { inputs: total / 2, outputs: total / 2, total } });
    expect(stubViolations({ sourceCheckout: bytes(160_000), installedPackage: bytes(6_000) })).toEqual([]);
    expect(stubViolations({ sourceCheckout: bytes(160_000), installedPackage: bytes(158_000) })).toEqual([
      expect.stringMatching(/not the stub/),
    ]);
  });
});
