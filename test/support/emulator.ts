/** The one test harness for the emulator: start one, talk to it, and build the data tests send it. */
import {
  chatJsonl,
  EmulatorAdmin,
  startEmulator,
  type EmulatorOptions,
  type RequestLogEntry,
} from "../../emulator/index";

export { chatJsonl };

export const testApiKey = "test-api-key-0123456789abcdef";

export interface RawResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface RawRequestOptions {
  /** Sent as JSON. */
  body?: unknown;
  /** Sent as is, for malformed bodies. */
  rawBody?: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** false sends no Authorization header at all. */
  auth?: boolean;
}

export interface TestEmulator {
  url: string;
  admin: EmulatorAdmin;
  /** The options it was started with, test defaults filled in. */
  options: EmulatorOptions;
  close(): Promise<void>;
  /** Any request as a plain HTTP client would send it, including the odd ones. */
  send(method: string, path: string, options?: RawRequestOptions): Promise<RawResponse>;
  /** `POST /v1/datasets` with one multipart file per entry of `files`. */
  upload(query: Record<string, string>, files: Record<string, string>): Promise<RawResponse>;
  /** Uploads a dataset and moves the clock past validation; returns the dataset as then served. */
  dataset(type: string, rows: unknown[], evalRows?: unknown[]): Promise<Record<string, unknown>>;
  chatDatasetId(): Promise<string>;
  createModel(name: string, settings: Record<string, unknown>): Promise<RawResponse>;
  chatModel(name: string, extra?: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export async function startTestEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const resolved: EmulatorOptions = { apiKey: testApiKey, trainingMs: 300, validationMs: 50, ...options };
  const handle = await startEmulator(resolved);
  const admin = new EmulatorAdmin(handle.url, resolved.apiKey);
  const emulator: TestEmulator = {
    url: handle.url,
    admin,
    options: resolved,
    close: () => handle.close(),

    async send(method, path, request = {}) {
      const url = new URL(path, handle.url);
      for (const [key, value] of Object.entries(request.query ?? {}))
        url.searchParams.set(key, String(value));
      const headers: Record<string, string> = { ...request.headers };
      if (request.auth !== false) headers.authorization ??= `Bearer ${resolved.apiKey}`;
      let body: string | undefined = request.rawBody;
      if (request.body !== undefined) {
        body = JSON.stringify(request.body);
        headers["content-type"] = "application/json";
      }
      const response = await fetch(url, { method, headers, body });
      const text = await response.text();
      return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
    },

    async upload(query, files) {
      const form = new FormData();
      for (const [field, content] of Object.entries(files))
        form.append(field, new File([content], `${field}.jsonl`));
      const url = new URL("/v1/datasets", handle.url);
      for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
      const response = await fetch(url, {
        method: "POST",
        headers: { authorization: `Bearer ${resolved.apiKey}` },
        body: form,
      });
      return {
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
        headers: response.headers,
      };
    },

    async dataset(type, rows, evalRows) {
      const files: Record<string, string> = { data: jsonl(rows) };
      if (evalRows) files.eval_data = jsonl(evalRows);
      const created = await emulator.upload({ name: `ds-${type}`.slice(0, 40), type }, files);
      if (created.status !== 200) throw new Error(`upload failed: ${JSON.stringify(created.body)}`);
      await admin.advanceClock(resolved.validationMs ?? 0);
      const got = await emulator.send("GET", `/v1/datasets/${created.body.id as string}`);
      return got.body.dataset as Record<string, unknown>;
    },

    async chatDatasetId() {
      const dataset = await emulator.dataset("chat-finetune-input", chatRows(10));
      return dataset.id as string;
    },

    createModel(name, settings) {
      return emulator.send("POST", "/v1/finetuning/finetuned-models", { body: { name, settings } });
    },

    async chatModel(name, extra = {}) {
      const datasetId = await emulator.chatDatasetId();
      const created = await emulator.createModel(name, {
        base_model: { base_type: "BASE_TYPE_CHAT" },
        dataset_id: datasetId,
        ...extra,
      });
      if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
      return created.body.finetuned_model as Record<string, unknown>;
    },
  };
  return emulator;
}

/** One emulator for a whole test file, reset before each test. */
export function useTestEmulator(options: EmulatorOptions = {}): {
  readonly url: string;
  readonly admin: EmulatorAdmin;
} {
  let emulator: TestEmulator | undefined;
  beforeAll(async () => {
    emulator = await startTestEmulator(options);
  });
  afterAll(() => emulator?.close());
  beforeEach(() => emulator!.admin.reset());
  return {
    get url() {
      return emulator!.url;
    },
    get admin() {
      return emulator!.admin;
    },
  };
}

export function countRequests(requests: RequestLogEntry[], method: string, pathPattern: RegExp): number {
  return requests.filter((r) => r.method === method && pathPattern.test(r.path)).length;
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
  COHERE_CREATE_LOOKUP_MS: "50",
};

export function jsonl(rows: unknown[]): string {
  return rows.map((row) => JSON.stringify(row)).join("\n") + "\n";
}

export function chatRows(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    messages: [
      { role: "System", content: "You are terse." },
      { role: "User", content: `What is ${i} + 1?` },
      { role: "Chatbot", content: `${i + 1}` },
    ],
  }));
}

export function classificationRows(perLabel: number, labels: string[]): unknown[] {
  return labels.flatMap((label) =>
    Array.from({ length: perLabel }, (_, i) => ({ text: `${label} example ${i}`, label })),
  );
}

export function multiLabelRows(count: number, labels: string[]): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    text: `example ${i}`,
    label: [labels[i % labels.length]],
  }));
}

export function rerankRows(count: number): unknown[] {
  return Array.from({ length: count }, (_, i) => ({
    query: `query ${i}`,
    relevant_passages: [`answer ${i}`],
    hard_negatives: [`distractor ${i}`],
  }));
}
