/**
 * The providers alone, without the resource classes or `@pulumi/pulumi`: what the small serialized provider of
 * an installed package loads in Pulumi's plugin process (see lifecycle/providerStub.ts), which constructs them
 * without arguments. This is the dynamic host's entry point: it builds the host's one context.
 */
import { DatasetProvider as Dataset } from "./dataset/provider";
import { FinetunedModelProvider as FinetunedModel } from "./finetunedModel/provider";
import { DynamicHostProvider } from "./lifecycle/dynamicHostProvider";
import { HostContext, newHostContext } from "./lifecycle/hostContext";
import { printedOperationLog } from "./lifecycle/report";

let processContext: HostContext | undefined;

/**
 * Built on first use, so that loading this module (a program importing the package) sets up nothing. Pulumi's
 * dynamic-provider host answers the engine's Cancel itself, telling no provider, and the engine ends the process
 * with SIGINT at the end of every operation: the plan is complete then, and is judged before the process ends.
 * Node.js ends on SIGINT only without a listener, so the listener ends it, as the signal would have.
 */
function dynamicHostContext(): HostContext {
  if (processContext) return processContext;
  const context = newHostContext({ operationLog: printedOperationLog, judgePlan: "atPlanEnd" });
  process.once("SIGINT", () => {
    context.trainingQueue.planEnded();
    process.exit(130);
  });
  processContext = context;
  return context;
}

/** Without `context`, the dynamic host's own: as the host constructs it. A test passes its own. */
export class FinetunedModelProvider extends DynamicHostProvider {
  constructor(context?: HostContext) {
    super(new FinetunedModel(context ?? dynamicHostContext()), "model");
  }
}

export class DatasetProvider extends DynamicHostProvider {
  constructor(context?: HostContext) {
    super(new Dataset(context ?? dynamicHostContext()), "dataset");
  }
}
