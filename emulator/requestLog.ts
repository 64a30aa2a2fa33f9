export interface RequestLogEntry {
  method: string;
  path: string;
  query: Record<string, unknown>;
  /** As sent, or 0 when the connection was dropped. */
  status: number;
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
