/**
 * The create of one FinetunedModel in an account that already holds many models: the provider looks for a
 * model it could take over before every create, so its list calls grow with the account, not with the stack.
 */
import { type CallCounts, countCalls } from "./apiCallCounts";
import { withBenchStack } from "./benchStack";
import { type EmulatorSession, withEmulator } from "./emulatorSession";
import { finetunedModelStack } from "./fleets";
import { LIFECYCLE_TRAINING_MS } from "./modelLifecycle";

export interface CreateLookups {
  existingModels: number;
  calls: CallCounts;
}

export function measureCreateLookups(existingModels: number): Promise<CreateLookups> {
  return withEmulator({ trainingMs: LIFECYCLE_TRAINING_MS }, async (session) => {
    await fillAccount(session, existingModels);
    return withBenchStack(finetunedModelStack("bench-lookups", 1, session), async ({ stack }) => {
      await session.admin.clearRequests();
      await stack.up();
      return { existingModels, calls: countCalls(await session.admin.requests()) };
    });
  });
}

async function fillAccount({ admin, datasetId }: EmulatorSession, count: number): Promise<void> {
  for (let i = 0; i < count; i++) {
    const { status } = await admin.api("POST", "/v1/finetuning/finetuned-models", {
      name: `someone-else-${i}`,
      settings: { base_model: { base_type: "BASE_TYPE_CHAT" }, dataset_id: datasetId },
    });
    if (status !== 200) throw new Error(`creating an unrelated model answered ${status}`);
  }
}
