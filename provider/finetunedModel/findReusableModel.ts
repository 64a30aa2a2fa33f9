/** Finds a live model that is exactly the one a create would make: same name and same training settings. */
import type { WireFinetunedModel, WireSettings } from "../cohere/wire";
import { Status } from "../cohere/enums";

const unusableStatuses: string[] = [Status.Failed, Status.Deleted];

export function findReusableModel(
  models: WireFinetunedModel[],
  wanted: WireFinetunedModel,
): WireFinetunedModel | undefined {
  return models.find(
    (model) =>
      model.name === wanted.name &&
      !unusableStatuses.includes(model.status ?? "") &&
      sameTraining(model.settings, wanted.settings),
  );
}

/** Compares what was asked for; the service may add defaults and a version, and never returns a wandb key. */
function sameTraining(actual: WireSettings | undefined, wanted: WireSettings): boolean {
  if (!actual) return false;
  const declaredHyperparameters = Object.entries(wanted.hyperparameters ?? {});
  return (
    actual.dataset_id === wanted.dataset_id &&
    actual.base_model?.base_type === wanted.base_model.base_type &&
    (wanted.base_model.name === undefined || actual.base_model?.name === wanted.base_model.name) &&
    (wanted.multi_label === undefined || actual.multi_label === wanted.multi_label) &&
    declaredHyperparameters.every(
      ([key, value]) => (actual.hyperparameters as Record<string, unknown> | undefined)?.[key] === value,
    )
  );
}
