import { CohereClient } from "../../provider/cohere";
import { lastTrainingStep } from "../../provider/finetunedModel/metrics";
import { ScriptedServer, startScriptedServer } from "./cohere/scriptedServer";

let server: ScriptedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

test("reads at most five pages of evaluations and keeps the latest step's metrics", async () => {
  let served = 0;
  server = await startScriptedServer([
    (_request, response) => {
      served++;
      response.writeHead(200, { "content-type": "application/json" });
      response.end(
        JSON.stringify({
          step_metrics: [{ step_number: served, metrics: { accuracy: served / 10, cross_entropy: 1 } }],
          next_page_token: `p${served + 1}`,
        }),
      );
    },
  ]);
  const client = new CohereClient({ apiKey: "key-1", baseUrl: server.url });
  await expect(lastTrainingStep(client, "ft-1")).resolves.toEqual({
    trainingMetrics: { accuracy: 0.5, crossEntropy: 1 },
    trainingSteps: 5,
  });
  expect(server.requests.map((request) => Object.fromEntries(request.query))).toEqual([
    { page_size: "1000" },
    { page_size: "1000", page_token: "p2" },
    { page_size: "1000", page_token: "p3" },
    { page_size: "1000", page_token: "p4" },
    { page_size: "1000", page_token: "p5" },
  ]);
});
