/**
 * Taking over an existing model: `adoptModelId` in a program, or `pulumi import` with the plugin. Managed from then
 * on, never renamed unless a name is declared.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CohereClient } from "../cohere/client";
import type { WireFinetunedModel } from "../cohere/wireTypes";
import { report } from "../lifecycle/report";
import { containsUnknown } from "../lifecycle/rules";
import { describeDrift, driftBetween } from "./drift";
import type { FinetunedModelInputs, SettingsSpec } from "./types";
import { settingsFromWire, settingsToWire } from "./modelConversion";

/** Whether the spec manages an existing model rather than training one. */
export function adopts(inputs: FinetunedModelInputs): boolean {
  return inputs.adoptModelId !== undefined;
}

/** A spec that adopts another model than the one recorded replaces it with that model. */
export function adoptionChange(
  id: string,
  news: FinetunedModelInputs,
): { property: string; reason: string } | undefined {
  if (news.adoptModelId === undefined || news.adoptModelId === id) return undefined;
  return { property: "adoptModelId", reason: `adoptModelId now names another model (${news.adoptModelId})` };
}

/** The replacement would adopt this same model again, and then the engine would delete it. */
export function refuseReplacingAdopted(
  id: string,
  olds: { name: string },
  news: FinetunedModelInputs,
  reasons: string[],
): void {
  if (news.adoptModelId !== id) return;
  throw new Error(
    `model ${olds.name} (${id}) is adopted (adoptModelId) and this change would replace it: ` +
      `${reasons.join("; ")}. Remove adoptModelId in the change that means to train a new model ` +
      "(the adopted one is deleted once it is trained), or declare the settings the adopted model was trained with.",
  );
}

/** At preview: an adoption whose declared settings are not the model's own fails before anything changes. */
export async function checkAdoption(
  client: CohereClient,
  inputs: FinetunedModelInputs,
): Promise<dynamic.CheckFailure[]> {
  if (containsUnknown(inputs.settings)) return [];
  const id = inputs.adoptModelId!;
  const model = await client.finetunedModels.get(id);
  const drifts = driftBetween(inputs.settings, settingsFromWire(model.settings));
  return drifts.length > 0
    ? [{ property: drifts[0].property, reason: adoptionMismatch(id, model, describeDrift(drifts)) }]
    : [];
}

export async function adopt(
  client: CohereClient,
  inputs: FinetunedModelInputs,
  id: string,
): Promise<WireFinetunedModel> {
  const model = await client.finetunedModels.get(id);
  const drifts = driftBetween(inputs.settings, settingsFromWire(model.settings));
  if (drifts.length > 0) throw new Error(adoptionMismatch(id, model, describeDrift(drifts)));
  report(`adopting model ${model.name} (${id}) instead of training a new one`);
  if (inputs.name === undefined || inputs.name === model.name) return model;
  return client.finetunedModels.update(id, {
    name: inputs.name,
    settings: settingsToWire(settingsFromWire(model.settings)),
  });
}

function adoptionMismatch(id: string, model: WireFinetunedModel, drift: string): string {
  return (
    `adoptModelId ${id}: model ${model.name} was trained otherwise than the spec declares (${drift}). ` +
    "Declare the settings it was trained with; nothing was changed."
  );
}

/**
 * What `pulumi import` records as a model's declared inputs: its own name and the settings it was trained with, so
 * the code Pulumi prints from them previews with no change. W&B logging is left out: Cohere never returns the key.
 */
export function importedInputs(model: WireFinetunedModel): FinetunedModelInputs {
  const { wandb: _wandb, ...settings } = settingsFromWire(model.settings);
  return { name: model.name, settings: settings as SettingsSpec };
}
