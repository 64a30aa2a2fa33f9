/** Figure 4: bytes of state per FinetunedModel and how much of it is the serialized provider. */
import { measureStateBytes, type StateBytes } from "./exportedState";
import { type Figure, kib } from "./figure";
import { FINETUNED_MODEL_TYPE } from "./fleets";
import type { LifecycleRun } from "./modelLifecycle";

export type StateSize = StateBytes & { stateBytes: number };

export function measureStateSize(lifecycle: LifecycleRun): Figure<StateSize> {
  const bytes = measureStateBytes(lifecycle.exportedState, FINETUNED_MODEL_TYPE);
  const data = { ...bytes, stateBytes: Buffer.byteLength(lifecycle.exportedState) };
  return {
    title: `4. State size (${bytes.resources} models)`,
    data,
    rows: [
      ["whole state (pulumi stack export)", kib(data.stateBytes)],
      ["per model resource (compact JSON, mean)", kib(bytes.resourceBytes.mean)],
      [
        "__provider per resource (inputs + outputs)",
        `${kib(bytes.providerBytes.total)} (${Math.round(bytes.providerShare * 100)} % of the resource)`,
      ],
    ],
  };
}
