/**
 * What the emulator did to a request on purpose: `status` an injected 429/500/503, `dropped` the
 * connection cut before processing, `dropped_after_processing` processed then cut instead of
 * answered, `processed_then_502` processed then answered 502.
 */
export type RequestFault = "none" | "status" | "dropped" | "dropped_after_processing" | "processed_then_502";

export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** As sent, or 0 when the connection was dropped. */
  status: number;
  fault: RequestFault;
  /** The `X-Client-Name` header, when sent. */
  client_name?: string;
  /** A JSON body as received, every secret field (`api_key`, ...) replaced by `[REDACTED]`. */
  body?: unknown;
  time: string;
  duration_ms: number;
}

/** Every /v1 request in the order it completed; kept in memory until cleared. */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): void {
    this.entries.push(entry);
  }

  all(): RequestLogEntry[] {
    return this.entries;
  }

  clear(): void {
    this.entries = [];
  }
}
