/** Whether a finished training meets the thresholds its spec declares. */
import type { QualityGateSpec } from "./fields";

/** Whether the gate declares any threshold: an empty gate passes every training. */
export function hasThresholds(gate: QualityGateSpec | null | undefined): boolean {
  return gate?.minAccuracy !== undefined || gate?.maxCrossEntropy !== undefined;
}

/** The thresholds a training's last evaluation misses, in words; empty when it passes or there is no gate. */
export function qualityGateMisses(
  gate: QualityGateSpec | null | undefined,
  metrics: Record<string, number> | undefined,
): string[] {
  const misses: string[] = [];
  const check = (
    metric: string,
    limit: number | undefined,
    passes: (value: number, limit: number) => boolean,
    rule: string,
  ) => {
    if (limit === undefined) return;
    const value = metrics?.[metric];
    if (value === undefined) misses.push(`Cohere reported no ${metric} (qualityGate ${rule} ${limit})`);
    else if (!passes(value, limit)) misses.push(`${metric} ${value} misses qualityGate ${rule} ${limit}`);
  };
  check("accuracy", gate?.minAccuracy, (value, limit) => value >= limit, "minAccuracy");
  check("crossEntropy", gate?.maxCrossEntropy, (value, limit) => value <= limit, "maxCrossEntropy");
  return misses;
}
