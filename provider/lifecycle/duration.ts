/** Parses Go-style durations ("90m", "1h30m", "45s"), the format of Pulumi's customTimeouts. */
const unitMs: Record<string, number> = {
  ns: 1e-6,
  us: 1e-3,
  µs: 1e-3,
  ms: 1,
  s: 1000,
  m: 60_000,
  h: 3_600_000,
};

const durationPart = /(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g;

/** One or more `<number><unit>` parts, nothing else. */
export const durationPattern = new RegExp(`^(?:${durationPart.source})+$`);

export function parseDurationMs(text: string): number {
  const parts = [...text.matchAll(durationPart)];
  if (!durationPattern.test(text)) {
    throw new Error(`"${text}" is not a duration such as "90m" or "2h30m"`);
  }
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * unitMs[unit], 0);
}

export function formatDuration(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds < 60) return `${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes}m${seconds % 60}s`;
  return `${Math.floor(minutes / 60)}h${minutes % 60}m`;
}
