/**
 * Throughput of the Cohere emulator: starts it as `npm run emulator` would (its own process, so
 * client and server do not share a core), then drives keep-alive connections for a few seconds
 * per phase and prints requests per second for GET and POST.
 *
 *   npm run bench:emulator -- [--duration-s 3] [--concurrency 32]
 */
import { launchEmulatorProcess } from "./lib/emulatorProcess";
import http from "node:http";
import { parseArgs } from "node:util";

const API_KEY = "bench-key";

interface PhaseResult {
  label: string;
  requests: number;
  errors: number;
  seconds: number;
}

interface Call {
  method: string;
  path: (i: number) => string;
  body?: (i: number) => string;
}

function request(
  agent: http.Agent,
  url: string,
  method: string,
  path: string,
  body?: string,
): Promise<number> {
  return new Promise((resolve, reject) => {
    const headers: http.OutgoingHttpHeaders = { authorization: `Bearer ${API_KEY}` };
    if (body !== undefined) {
      headers["content-type"] = "application/json";
      headers["content-length"] = Buffer.byteLength(body);
    }
    const req = http.request(`${url}${path}`, { method, agent, headers }, (res) => {
      res.resume();
      res.once("end", () => resolve(res.statusCode ?? 0));
    });
    req.once("error", reject);
    req.end(body);
  });
}

async function runPhase(
  url: string,
  label: string,
  call: Call,
  concurrency: number,
  seconds: number,
): Promise<PhaseResult> {
  const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
  const deadline = performance.now() + seconds * 1000;
  let requests = 0;
  let errors = 0;
  const worker = async () => {
    while (performance.now() < deadline) {
      const i = requests + errors;
      try {
        const status = await request(agent, url, call.method, call.path(i), call.body?.(i));
        if (status === 200) requests++;
        else errors++;
      } catch {
        errors++;
      }
    }
  };
  const started = performance.now();
  await Promise.all(Array.from({ length: concurrency }, worker));
  agent.destroy();
  return { label, requests, errors, seconds: (performance.now() - started) / 1000 };
}

async function seed(url: string): Promise<{ datasetId: string; modelId: string }> {
  const auth = { authorization: `Bearer ${API_KEY}` };
  const rows = Array.from({ length: 10 }, (_, i) =>
    JSON.stringify({
      messages: [
        { role: "User", content: `q${i}` },
        { role: "Chatbot", content: `a${i}` },
      ],
    }),
  );
  const form = new FormData();
  form.append("data", new File([rows.join("\n")], "bench.jsonl"));
  const uploaded = await fetch(`${url}/v1/datasets?name=bench&type=chat-finetune-input`, {
    method: "POST",
    headers: auth,
    body: form,
  });
  const { id: datasetId } = (await uploaded.json()) as { id: string };
  const created = await fetch(`${url}/v1/finetuning/finetuned-models`, {
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({
      name: "bench",
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
    }),
  });
  const { finetuned_model } = (await created.json()) as { finetuned_model: { id: string } };
  return { datasetId, modelId: finetuned_model.id };
}

function report(result: PhaseResult): number {
  const rate = Math.round(result.requests / result.seconds);
  console.log(
    `${result.label.padEnd(56)} ${String(rate).padStart(7)} req/s  (${result.requests} ok, ${result.errors} errors, ${result.seconds.toFixed(1)} s)`,
  );
  return rate;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      "duration-s": { type: "string", default: "3" },
      concurrency: { type: "string", default: "32" },
    },
  });
  const seconds = Number(values["duration-s"]);
  const concurrency = Number(values.concurrency);
  const { child, url } = await launchEmulatorProcess([
    "--port",
    "0",
    "--api-key",
    API_KEY,
    "--validation-ms",
    "0",
    "--quiet",
  ]);
  try {
    const { datasetId, modelId } = await seed(url);
    console.log(
      `Cohere emulator benchmark at ${url}: ${concurrency} keep-alive connections, ${seconds} s per phase`,
    );
    const get = report(
      await runPhase(
        url,
        `GET  /v1/finetuning/finetuned-models/{id}`,
        { method: "GET", path: () => `/v1/finetuning/finetuned-models/${modelId}` },
        concurrency,
        seconds,
      ),
    );
    const settings = { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId };
    const post = report(
      await runPhase(
        url,
        "POST /v1/finetuning/finetuned-models",
        {
          method: "POST",
          path: () => "/v1/finetuning/finetuned-models",
          body: (i) => JSON.stringify({ name: `bench-${i}`, settings }),
        },
        concurrency,
        seconds,
      ),
    );
    const list = report(
      await runPhase(
        url,
        "GET  /v1/finetuning/finetuned-models (list, after the POSTs)",
        { method: "GET", path: () => "/v1/finetuning/finetuned-models?page_size=50" },
        concurrency,
        seconds,
      ),
    );
    console.log(
      JSON.stringify({ get_rps: get, post_rps: post, list_rps: list, concurrency, duration_s: seconds }),
    );
  } finally {
    child.kill("SIGTERM");
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
