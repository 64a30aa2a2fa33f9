/** A host context of a test's own: a fresh cancellation and training queue, and waits shortened for the emulator. */
import { HostContext, newHostContext } from "../../provider/lifecycle/hostContext";
import { printedOperationLog } from "../../provider/lifecycle/report";
import { ProviderTiming, timingFromEnv } from "../../provider/lifecycle/timing";
import type { PlanJudgement } from "../../provider/finetunedModel/trainingQueue";

/** Polls and lookups in tens of milliseconds: the emulator answers at once and trains in moments. */
export const testTiming: ProviderTiming = {
  ...timingFromEnv({}),
  pollInitialMs: 20,
  pollMaxMs: 50,
  retryBaseMs: 10,
  createLookupMs: 10,
};

export interface TestHostOptions extends Partial<Omit<HostContext, "timing">> {
  timing?: Partial<ProviderTiming>;
  judgePlan?: PlanJudgement;
}

export function testHostContext({
  timing,
  judgePlan = "atPlanEnd",
  ...overrides
}: TestHostOptions = {}): HostContext {
  const operationLog = overrides.operationLog ?? printedOperationLog;
  const context = newHostContext({ operationLog, judgePlan, env: {} });
  return { ...context, timing: { ...testTiming, ...timing }, ...overrides };
}
