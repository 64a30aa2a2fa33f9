import { countRequests, describeCounts, requestKind } from "../lib/requestKinds";

const models = "/v1/finetuning/finetuned-models";
const id = "0b0c2f52-5f0a-4a39-9a43-1f0ad9c2a7e1";

describe("bench request kinds", () => {
  it.each([
    ["POST", models, "create"],
    ["GET", models, "list"],
    ["GET", `${models}/${id}`, "get"],
    ["PATCH", `${models}/${id}`, "update"],
    ["DELETE", `${models}/${id}`, "delete"],
    ["GET", `${models}/${id}/training-step-metrics`, "metrics"],
    ["GET", `${models}/${id}/events`, "other"],
    ["POST", "/v1/datasets", "datasetUpload"],
    ["GET", "/v1/datasets/abc", "datasetGet"],
    ["GET", "/v1/datasets", "other"],
  ])("%s %s is a %s", (method, path, kind) => {
    expect(requestKind({ method, path })).toBe(kind);
  });

  it("counts each kind and the total, and names only the kinds that occurred", () => {
    const counts = countRequests([
      { method: "POST", path: models },
      { method: "GET", path: `${models}/${id}` },
      { method: "GET", path: `${models}/${id}` },
    ]);
    expect(counts).toMatchObject({ create: 1, get: 2, list: 0, total: 3 });
    expect(describeCounts(counts)).toBe("1 create, 2 get");
  });
});
