/** Test-side access to the emulator's admin API (`/_emulator/*`), over real HTTP. */
import { startEmulator } from "../../emulator";

export interface LoggedRequest {
  method: string;
  path: string;
  query: Record<string, unknown>;
  status: number;
  time: string;
  duration_ms: number;
}

export interface Faults {
  rate_429?: number;
  rate_500?: number;
  rate_503?: number;
  drop_rate?: number;
  drop_after_processing_rate?: number;
  latency_ms?: number;
  retry_after_seconds?: number;
  fail_training?: string[];
  /** Only requests with these methods are faulted (all when omitted). */
  methods?: string[];
  seed?: number;
}

export const testApiKey = "test-api-key-0123456789abcdef";

export class EmulatorAdmin {
  constructor(readonly url: string) {}

  async reset(): Promise<void> {
    await this.send("POST", "/_emulator/reset");
  }

  async setFaults(faults: Faults): Promise<void> {
    await this.send("PUT", "/_emulator/faults", faults);
  }

  async requests(): Promise<LoggedRequest[]> {
    const body = (await this.send("GET", "/_emulator/requests")) as { requests: LoggedRequest[] };
    return body.requests;
  }

  async clearRequests(): Promise<void> {
    await this.send("DELETE", "/_emulator/requests");
  }

  async forceStatus(modelId: string, status: string): Promise<void> {
    await this.send("PATCH", `/_emulator/finetuned-models/${modelId}`, { status });
  }

  /** Calls the public API as a user would outside Pulumi. */
  async api(
    method: string,
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const response = await fetch(this.url + path, {
      method,
      headers: { authorization: `Bearer ${testApiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  async models(): Promise<Array<Record<string, unknown>>> {
    const { body } = await this.api("GET", "/v1/finetuning/finetuned-models?page_size=1000");
    return body.finetuned_models as Array<Record<string, unknown>>;
  }

  /** Uploads a small valid chat dataset and waits until the emulator has validated it. */
  async createChatDataset(name = "chat-data"): Promise<string> {
    const form = new FormData();
    form.append("data", new Blob([chatJsonl(4)]), "train.jsonl");
    const query = new URLSearchParams({ name, type: "chat-finetune-input" });
    const response = await fetch(`${this.url}/v1/datasets?${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${testApiKey}` },
      body: form,
    });
    const { id } = (await response.json()) as { id: string };
    for (let i = 0; i < 200; i++) {
      const { body } = await this.api("GET", `/v1/datasets/${id}`);
      const status = (body.dataset as { validation_status: string }).validation_status;
      if (status === "validated") return id;
      if (status === "failed") throw new Error(`dataset ${id} failed validation`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error(`dataset ${id} was not validated in time`);
  }

  private async send(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return response.json();
  }
}

export async function startTestEmulator(options: { trainingMs?: number; validationMs?: number } = {}) {
  const emulator = await startEmulator({
    port: 0,
    apiKey: testApiKey,
    trainingMs: options.trainingMs ?? 300,
    validationMs: options.validationMs ?? 50,
  });
  return { ...emulator, admin: new EmulatorAdmin(emulator.url) };
}

export function countRequests(requests: LoggedRequest[], method: string, pathPattern: RegExp): number {
  return requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
}

export function chatJsonl(examples: number): string {
  const line = (i: number) =>
    JSON.stringify({
      messages: [
        { role: "System", content: "You are a helpful support agent." },
        { role: "User", content: `How do I reset my password? (${i})` },
        { role: "Chatbot", content: "Open Settings, choose Security, then Reset password." },
      ],
    });
  return Array.from({ length: examples }, (_, i) => line(i)).join("\n") + "\n";
}

/** Stack config that points the provider at an emulator. */
export function emulatorConfig(url: string): Record<string, { value: string; secret?: boolean }> {
  return { "cohere:apiKey": { value: testApiKey, secret: true }, "cohere:baseUrl": { value: url } };
}

/** Provider-process settings for tests: quick polls and retries against a fast emulator. */
export const fastProviderEnv: Record<string, string> = {
  COHERE_POLL_INITIAL_MS: "100",
  COHERE_POLL_MAX_MS: "300",
  COHERE_RETRY_BASE_MS: "50",
};
