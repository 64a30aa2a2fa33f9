import { CohereClient } from "../../../provider/cohere";
import { Handler, json, ScriptedServer, startScriptedServer } from "./scriptedServer";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function clientFor(handlers: Handler[]) {
  server = await startScriptedServer(handlers);
  return new CohereClient({ apiKey: "key-1", baseUrl: server.url, retryBaseDelayMs: 1 });
}

function modelsPage(ids: string[], nextPageToken: string): Handler {
  const finetuned_models = ids.map((id) => ({
    id,
    name: id,
    settings: { base_model: {}, dataset_id: "ds" },
  }));
  return json(200, { finetuned_models, next_page_token: nextPageToken, total_size: 9 });
}

async function idsByPage(pages: AsyncIterable<{ finetuned_models: { id?: string }[] }>) {
  const ids: (string | undefined)[][] = [];
  for await (const page of pages) ids.push(page.finetuned_models.map((model) => model.id));
  return ids;
}

function sentTokens(): (string | null)[] {
  return server!.requests.map((request) => request.query.get("page_token"));
}

test("follows next_page_token until a page has none, keeping the caller's options on every request", async () => {
  const client = await clientFor([
    modelsPage(["a", "b"], "p2"),
    modelsPage(["c"], "p3"),
    modelsPage(["d"], ""),
  ]);
  const pages = client.finetunedModels.listPages({ pageSize: 2, orderBy: "created_at desc" });
  await expect(idsByPage(pages)).resolves.toEqual([["a", "b"], ["c"], ["d"]]);
  expect(server!.requests.map((request) => Object.fromEntries(request.query))).toEqual([
    { page_size: "2", order_by: "created_at desc" },
    { page_size: "2", order_by: "created_at desc", page_token: "p2" },
    { page_size: "2", order_by: "created_at desc", page_token: "p3" },
  ]);
});

test("stops when the server hands out a token it has already been sent", async () => {
  const client = await clientFor([modelsPage(["a"], "p2"), modelsPage(["b"], "p3"), modelsPage(["c"], "p2")]);
  await expect(idsByPage(client.finetunedModels.listPages())).resolves.toEqual([["a"], ["b"], ["c"]]);
  expect(sentTokens()).toEqual([null, "p2", "p3"]);
});

test("a caller that breaks sends no further request", async () => {
  const client = await clientFor([modelsPage(["a"], "p2"), modelsPage(["b"], "p3")]);
  for await (const page of client.finetunedModels.listPages()) {
    expect(page.finetuned_models[0].id).toBe("a");
    break;
  }
  expect(sentTokens()).toEqual([null]);
});

test("training-step metrics page through their sub-path", async () => {
  const client = await clientFor([
    json(200, { step_metrics: [{ step_number: 1 }], next_page_token: "p2" }),
    json(200, { step_metrics: [{ step_number: 2 }], next_page_token: "" }),
  ]);
  const steps: (number | undefined)[] = [];
  for await (const page of client.finetunedModels.listTrainingStepMetricsPages("ft-1", { pageSize: 1000 }))
    steps.push(...page.step_metrics.map((step) => step.step_number));
  expect(steps).toEqual([1, 2]);
  expect(server!.requests.map((request) => request.path)).toEqual([
    "/v1/finetuning/finetuned-models/ft-1/training-step-metrics",
    "/v1/finetuning/finetuned-models/ft-1/training-step-metrics",
  ]);
  expect(sentTokens()).toEqual([null, "p2"]);
});
