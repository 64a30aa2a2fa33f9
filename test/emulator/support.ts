import { startEmulator, type EmulatorHandle, type EmulatorOptions } from "../../emulator";

export const API_KEY = "test-key";

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
  headers: Headers;
}

export interface RequestOptions {
  body?: unknown;
  rawBody?: string;
  query?: Record<string, string | number>;
  headers?: Record<string, string>;
  /** false sends no Authorization header at all. */
  auth?: boolean;
}

/** A running emulator plus small helpers for talking to it the way a plain HTTP client would. */
export class TestEmulator {
  constructor(
    readonly handle: EmulatorHandle,
    readonly options: EmulatorOptions,
  ) {}

  get url(): string {
    return this.handle.url;
  }

  async api(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const url = new URL(path, this.url);
    for (const [key, value] of Object.entries(options.query ?? {})) url.searchParams.set(key, String(value));
    const headers: Record<string, string> = { ...options.headers };
    if (options.auth !== false) headers.authorization ??= `Bearer ${API_KEY}`;
    let body: string | undefined = options.rawBody;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] = "application/json";
    }
    const response = await fetch(url, { method, headers, body });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : {}, headers: response.headers };
  }

  admin(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    return this.api(method, `/_emulator/${path}`, { body, auth: false });
  }

  advanceClock(ms: number): Promise<ApiResponse> {
    return this.admin("POST", "clock", { advance_ms: ms });
  }

  async upload(query: Record<string, string>, files: Record<string, string>): Promise<ApiResponse> {
    const form = new FormData();
    for (const [field, content] of Object.entries(files))
      form.append(field, new File([content], `${field}.jsonl`));
    const url = new URL("/v1/datasets", this.url);
    for (const [key, value] of Object.entries(query)) url.searchParams.set(key, value);
    const response = await fetch(url, {
      method: "POST",
      headers: { authorization: `Bearer ${API_KEY}` },
      body: form,
    });
    return {
      status: response.status,
      body: (await response.json()) as Record<string, unknown>,
      headers: response.headers,
    };
  }

  /** Uploads a dataset and moves the clock past validation; returns the dataset as then served. */
  async dataset(type: string, rows: unknown[], evalRows?: unknown[]): Promise<Record<string, unknown>> {
    const files: Record<string, string> = { data: jsonl(rows) };
    if (evalRows) files.eval_data = jsonl(evalRows);
    const created = await this.upload({ name: `ds-${type}`.slice(0, 40), type }, files);
    if (created.status !== 200) throw new Error(`upload failed: ${JSON.stringify(created.body)}`);
    await this.advanceClock(this.options.validationMs ?? 0);
    const got = await this.api("GET", `/v1/datasets/${created.body.id as string}`);
    return got.body.dataset as Record<string, unknown>;
  }

  async chatDatasetId(): Promise<string> {
    const dataset = await this.dataset("chat-finetune-input", chatRows(10));
    return dataset.id as string;
  }

  createModel(name: string, settings: Record<string, unknown>): Promise<ApiResponse> {
    return this.api("POST", "/v1/finetuning/finetuned-models", { body: { name, settings } });
  }

  async chatModel(name: string, extra: Record<string, unknown> = {}): Promise<Record<string, unknown>> {
    const datasetId = await this.chatDatasetId();
    const created = await this.createModel(name, {
      base_model: { base_type: "BASE_TYPE_CHAT" },
      dataset_id: datasetId,
      ...extra,
    });
    if (created.status !== 200) throw new Error(`create failed: ${JSON.stringify(created.body)}`);
    return created.body.finetuned_model as Record<string, unknown>;
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}

export async function start(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const merged: EmulatorOptions = { apiKey: API_KEY, trainingMs: 1000, validationMs: 100, ...options };
  return new TestEmulator(await startEmulator(merged), merged);
}

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
