/**
 * A model under a resource's pending name is one of its own creates that a killed `pulumi up` never got to record:
 * the only kind of model the provider takes over without being told to.
 */
import type { CohereClient } from "../cohere/client";
import type { WireDataset, WireFinetunedModel } from "../cohere/wireTypes";
import { Status } from "../cohere/enums";
import { report } from "../lifecycle/report";
import { driftBetween } from "./drift";
import type { PendingNames } from "./pendingName";
import type { SettingsSpec } from "./types";
import { settingsFromWire } from "./modelConversion";

/**
 * How far back an interrupted create can lie: a model trains on a dataset, and Cohere deletes datasets after
 * 30 days, so a create older than that could not be repeated with the same settings anyway.
 */
const interruptedCreateWindowMs = 30 * 24 * 3_600_000;
/** Tolerates a service clock somewhat behind ours. */
export const clockSkewMs = 5 * 60_000;

/** The account's models created since a time, listed once, and again only to look further back. */
export class RecentModels {
  private listing?: { since: number; models: Promise<WireFinetunedModel[]> };

  async since(client: CohereClient, since: number): Promise<WireFinetunedModel[]> {
    if (!this.listing || since < this.listing.since) {
      const models = client.finetunedModels.listCreatedSince(new Date(since));
      this.listing = { since, models };
      models.catch(() => (this.listing = undefined));
    }
    const listed = await this.listing.models;
    return listed.filter((model) => Date.parse(model.created_at ?? "") >= since);
  }
}

export interface InterruptedCreateBounds {
  dataset: WireDataset | undefined;
  /** When this Pulumi operation's provider process started. */
  operationStartedAt: number;
  /** The host's clock, now. */
  now: number;
}

/**
 * One trained as declared is resumed; any other is left alone and named, for a person to decide. A model cannot
 * be older than its dataset: a dataset uploaded during this operation rules any out.
 */
export async function findInterruptedCreate(
  recent: RecentModels,
  client: CohereClient,
  pendingNames: PendingNames,
  settings: SettingsSpec,
  { dataset, operationStartedAt, now }: InterruptedCreateBounds,
): Promise<WireFinetunedModel | undefined> {
  const datasetCreated = Date.parse(dataset?.created_at ?? "");
  if (datasetCreated > operationStartedAt + clockSkewMs) return undefined;
  const since = Math.max(now - interruptedCreateWindowMs, (datasetCreated || 0) - clockSkewMs);
  const listed = await recent.since(client, since);
  const candidates = listed
    .filter((model) => pendingNames.rankOf(model.name) >= 0)
    .sort((a, b) => pendingNames.rankOf(a.name) - pendingNames.rankOf(b.name));
  const resumable = candidates.find(
    (model) =>
      model.status !== Status.Failed && model.status !== Status.Deleted && trainedAsDeclared(model, settings),
  );
  for (const other of candidates.filter((model) => model !== resumable)) {
    const why = trainedAsDeclared(other, settings)
      ? other.status === Status.Failed || other.status === Status.Deleted
        ? `whose training ended ${other.status}`
        : "beside the one resumed"
      : "with other settings";
    report(
      `model ${other.name} (${other.id}, ${other.status}) is an interrupted create of this resource ${why}; ` +
        "it is not taken over: delete it, or manage it with adoptModelId",
    );
  }
  for (const other of listed.filter((model) => pendingNames.underOtherKey(model.name))) {
    report(
      `model ${other.name} (${other.id}, ${other.status}) was created for this resource under another stack key ` +
        "(another backend's stack of the same names, or this stack before its secrets provider changed); it is " +
        "not taken over: if it is this stack's, manage it with adoptModelId, else leave it to its stack",
    );
  }
  if (resumable)
    report(`resuming an interrupted create of this resource: model ${resumable.name} (${resumable.id})`);
  return resumable;
}

export function trainedAsDeclared(model: WireFinetunedModel, settings: SettingsSpec): boolean {
  return (
    model.settings !== undefined && driftBetween(settings, settingsFromWire(model.settings)).length === 0
  );
}
