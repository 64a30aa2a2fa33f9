/** What every figure hands back: data for the results file and rows for the printed table. */
export interface Figure<T> {
  title: string;
  data: T;
  rows: Array<[measure: string, value: string]>;
}

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
export const mib = (kibibytes: number) => `${(kibibytes / 1024).toFixed(1)} MiB`;
