import { performance } from "node:perf_hooks";

export async function timed<T>(body: () => Promise<T>): Promise<{ result: T; ms: number }> {
  const started = performance.now();
  const result = await body();
  return { result, ms: Math.round(performance.now() - started) };
}
