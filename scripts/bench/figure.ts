/** What every figure hands back: data for the results file and rows for the printed table. */
export interface Figure<T> {
  title: string;
  data: T;
  rows: Array<[measure: string, value: string]>;
  /** Promises of the design that this run broke (counts only, never timings); any of them fails the bench. */
  violations?: string[];
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (kibibytes: number) => `${(kibibytes / 1024).toFixed(1)} MiB`;

/** The Automation API puts the whole CLI output in an error's message; its end says what went wrong. */
export function lastLines(message: string, count = 12): string {
  return message.trim().split("\n").slice(-count).join("\n");
}
