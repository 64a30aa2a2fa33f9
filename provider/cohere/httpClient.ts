import axios from "axios";
import { ApiConnectionError, ApiConnectionTimeoutError, CohereApiError, errorForStatus } from "./errors";
import { redact, secretsIn } from "./redact";
import { decide, Failure, retryDelayMs } from "./retryPolicy";

export const DEFAULT_BASE_URL = "https://api.cohere.com";
export const DEFAULT_CLIENT_NAME = "pulumi-cohere-finetuning";

export interface HttpClientOptions {
  apiKey: string;
  /** Defaults to https://api.cohere.com. */
  baseUrl?: string;
  /** Sent as `X-Client-Name`. */
  clientName?: string;
  /** Per attempt, including reading the response (for uploads: the longest stall); defaults to 300 000 (300 s). */
  timeoutMs?: number;
  /** Retries after the first attempt; defaults to 2. */
  maxRetries?: number;
  /** First backoff delay, doubled per retry; defaults to 1000. */
  retryBaseDelayMs?: number;
  /** Called before each retry, e.g. to count or log them. */
  onRetry?: (event: RetryEvent) => void;
}

export interface RetryEvent {
  method: string;
  path: string;
  /** The attempt that failed, from 1. */
  attempt: number;
  delayMs: number;
  status?: number;
  code?: string;
}

export type QueryValue = string | number | boolean | string[] | undefined;

export interface ApiRequest {
  method: "GET" | "POST" | "PATCH" | "DELETE";
  /** Starts with `/v1/`; path parameters already encoded. */
  path: string;
  query?: Record<string, QueryValue>;
  /** JSON-serialisable value or a FormData. */
  body?: unknown;
  /** Whether sending it twice has the effect of sending it once; defaults to true for every method but POST. */
  idempotent?: boolean;
  /** The timeout bounds a stall (no byte sent or received for that long), not the whole exchange: for uploads. */
  stallTimeout?: boolean;
}

const REQUEST_ID_HEADERS = ["x-request-id", "x-trace-id", "x-cohere-request-id"];
const KEPT_HEADERS = ["retry-after", "x-ratelimit-reset", ...REQUEST_ID_HEADERS];

/** The one place that talks HTTP: base URL, auth, client name, timeouts, retries and error mapping. */
export class HttpClient {
  declare private readonly apiKey: string;
  private readonly baseUrl: string;
  private readonly clientName: string;
  private readonly timeoutMs: number;
  private readonly maxRetries: number;
  private readonly retryBaseDelayMs: number;
  private readonly onRetry: ((event: RetryEvent) => void) | undefined;

  constructor(options: HttpClientOptions) {
    // Not enumerable, so logging or inspecting the client does not print the key.
    Object.defineProperty(this, "apiKey", { value: options.apiKey, enumerable: false });
    this.baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/+$/, "");
    this.clientName = options.clientName ?? DEFAULT_CLIENT_NAME;
    this.timeoutMs = options.timeoutMs ?? 300_000;
    this.maxRetries = options.maxRetries ?? 2;
    this.retryBaseDelayMs = options.retryBaseDelayMs ?? 1000;
    this.onRetry = options.onRetry;
  }

  async request<T>(req: ApiRequest): Promise<T> {
    const idempotent = req.idempotent ?? req.method !== "POST";
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.send(req);
      if (outcome.kind === "ok") return outcome.data as T;
      const decision = decide(outcome, idempotent);
      if (decision !== "retry" || attempt > this.maxRetries) {
        throw this.toError(req, outcome, attempt, decision === "ambiguous");
      }
      const delayMs = retryDelayMs(attempt - 1, this.retryBaseDelayMs, outcome);
      this.onRetry?.({
        method: req.method,
        path: req.path,
        attempt,
        delayMs,
        ...(outcome.kind === "status" ? { status: outcome.status } : { code: outcome.code }),
      });
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }

  private async send(req: ApiRequest): Promise<{ kind: "ok"; data: unknown } | Failure> {
    const controller = new AbortController();
    let timedOut = false;
    const expire = () => {
      timedOut = true;
      controller.abort();
    };
    let timer = setTimeout(expire, this.timeoutMs);
    const progressed = () => {
      clearTimeout(timer);
      timer = setTimeout(expire, this.timeoutMs);
    };
    try {
      const res = await axios.request({
        method: req.method,
        url: this.baseUrl + req.path + queryString(req.query),
        data: req.body,
        headers: {
          Authorization: `Bearer ${this.apiKey}`,
          "X-Client-Name": this.clientName,
          Accept: "application/json",
        },
        signal: controller.signal,
        onUploadProgress: req.stallTimeout ? progressed : undefined,
        onDownloadProgress: req.stallTimeout ? progressed : undefined,
        validateStatus: () => true,
        // Following a redirect would buffer whole uploads for replay; Cohere does not redirect.
        maxRedirects: 0,
        maxBodyLength: Infinity,
        maxContentLength: Infinity,
      });
      if (res.status >= 200 && res.status < 300) return { kind: "ok", data: res.data };
      const headers: Record<string, string> = {};
      for (const name of KEPT_HEADERS) {
        const value: unknown = res.headers[name];
        if (typeof value === "string") headers[name] = value;
      }
      return { kind: "status", status: res.status, headers, data: res.data };
    } catch (err) {
      const code = (err as { code?: unknown } | null)?.code;
      return { kind: "transport", code: typeof code === "string" ? code : "UNKNOWN", timedOut };
    } finally {
      clearTimeout(timer);
    }
  }

  private toError(req: ApiRequest, failure: Failure, attempts: number, ambiguous: boolean): CohereApiError {
    const secrets = [this.apiKey, ...secretsIn(req.body)];
    const details = { method: req.method, path: req.path, attempts, ambiguous };
    if (failure.kind === "transport") {
      return failure.timedOut
        ? new ApiConnectionTimeoutError(details, this.timeoutMs)
        : new ApiConnectionError({ ...details, code: failure.code });
    }
    const requestId = REQUEST_ID_HEADERS.map((name) => failure.headers[name]).find(Boolean);
    return errorForStatus({
      ...details,
      status: failure.status,
      // Redacted before it is shortened: a cut through an echoed key must not leave its prefix behind.
      cohereMessage: shortened(redact(messageOf(failure.data), secrets)) || undefined,
      requestId: requestId && redact(requestId, secrets),
    });
  }
}

function queryString(query: Record<string, QueryValue> = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    for (const item of Array.isArray(value) ? value : [value]) {
      if (item !== undefined) params.append(key, String(item));
    }
  }
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Cohere's `{"message": ...}`, or whatever else the server sent. */
function messageOf(data: unknown): string {
  const message = (data as { message?: unknown } | null)?.message;
  const text = typeof message === "string" ? message : typeof data === "string" ? data : JSON.stringify(data);
  return (text ?? "").trim();
}

function shortened(text: string): string {
  return text.slice(0, 500);
}
