import type { WireSettings } from "../wire/types";
import { invalidRequest } from "./errors";

/**
 * PATCH may rename a model and refresh its wandb block, but anything that shaped the training
 * would describe a different model than the one trained, so it is rejected naming the field.
 * (The emulator's choice: Cohere does not document which settings an update may change.)
 */
export function applySettingsUpdate(current: WireSettings, requested: WireSettings): WireSettings {
  assertUnchanged(
    "settings.base_model.base_type",
    current.base_model.base_type,
    requested.base_model.base_type,
  );
  if (requested.base_model.name !== undefined) {
    assertUnchanged("settings.base_model.name", current.base_model.name, requested.base_model.name);
  }
  if (requested.base_model.strategy !== undefined) {
    assertUnchanged(
      "settings.base_model.strategy",
      current.base_model.strategy,
      requested.base_model.strategy,
    );
  }
  assertUnchanged("settings.dataset_id", current.dataset_id, requested.dataset_id);
  if (requested.multi_label !== undefined) {
    assertUnchanged("settings.multi_label", current.multi_label ?? false, requested.multi_label);
  }
  const currentHyperparameters = new Map(Object.entries(current.hyperparameters ?? {}));
  for (const [field, value] of Object.entries(requested.hyperparameters ?? {})) {
    assertUnchanged(`settings.hyperparameters.${field}`, currentHyperparameters.get(field), value);
  }
  return requested.wandb ? { ...current, wandb: requested.wandb } : current;
}

function assertUnchanged(path: string, current: unknown, requested: unknown): void {
  if (current !== requested) {
    throw invalidRequest(
      `${path} cannot be changed on an existing fine-tuned model (is ${JSON.stringify(current ?? null)}, ` +
        `requested ${JSON.stringify(requested)}); create a new fine-tuned model instead`,
    );
  }
}
