import { BaseType, DatasetType, type Status } from "../wire/enums";
import type {
  WireEvent,
  WireFinetunedModel,
  WireSettings,
  WireSettingsRequest,
  WireTrainingStepMetrics,
} from "../wire/types";
import { rfc3339, type EmulatorClock } from "./clock";
import type { DatasetStore } from "./datasets";
import { ApiError, invalidRequest, notFound } from "./errors";
import { CREATOR_ID, isUuid, newModelId, ORGANIZATION_ID } from "./ids";
import {
  isLifecyclePhase,
  outcomeUndecided,
  startRun,
  transitionsUpTo,
  type PhaseSplit,
  type TrainingRun,
} from "./lifecycle";
import { paginate, sortableNumber, type Page, type PageRequest } from "./pagination";
import { seededModels, type SeedModelsInput } from "./seededModels";
import { applySettingsUpdate } from "./settingsChanges";
import { checkSettings } from "./settingsRules";
import { stepMetricsUpTo, totalTrainingSteps } from "./trainingMetrics";

export interface RecordedEvent {
  status: Status;
  at: number;
  userId?: string;
}

export interface ModelRecord {
  id: string;
  /** Creation order; with the monotonic clock it keeps the store sorted by created_at for paging. */
  seq: number;
  name: string;
  settings: WireSettings;
  createdAt: number;
  updatedAt: number;
  /** Events already fixed; the run's planned transitions are added to them when read. */
  history: RecordedEvent[];
  run: TrainingRun;
  totalSteps: number;
  /** Until this instant reads do not see the model (an injected fault); absent means always visible. */
  visibleFrom?: number;
  /** The last inference call to the model, served as `last_used`; absent for a model never used. */
  lastUsedAt?: number;
}

/** How long trainings take, which of them fail and how long new models hide, as configured. */
export interface TrainingPolicy {
  trainingMs: number;
  phases: PhaseSplit;
  fails(modelName: string): boolean;
  visibilityDelayMs(): number;
}

export interface CreateModelInput {
  name: string;
  settings: WireSettingsRequest;
}

export interface UpdateModelInput {
  name: string;
  /** Absent when only the name is sent. */
  settings?: WireSettingsRequest;
}

/**
 * When a model last served inference (the emulator serves none, so the admin API says so): an
 * instant, or a time before the emulator's now.
 */
export type LastUsedInput = { at: number } | { agoMs: number };

const DATASET_TYPES_FOR: Partial<Record<BaseType, DatasetType[]>> = {
  [BaseType.Chat]: [DatasetType.ChatFinetuneInput],
  [BaseType.Classification]: [
    DatasetType.SingleLabelClassificationFinetuneInput,
    DatasetType.MultiLabelClassificationFinetuneInput,
  ],
  [BaseType.Rerank]: [DatasetType.RerankerFinetuneInput],
};

/** Names may repeat, as upstream gives no sign of enforcing uniqueness (UNCONFIRMED). */
export class FinetunedModelStore {
  /** Kept in listKey order. */
  private readonly records = new Map<string, ModelRecord>();
  private nextSeq = 0;

  constructor(
    private readonly clock: EmulatorClock,
    private readonly datasets: DatasetStore,
    private readonly policy: TrainingPolicy,
  ) {}

  create({ name, settings: requested }: CreateModelInput): ModelRecord {
    const settings = checkSettings(requested, { requireWandbApiKey: true });
    const trainExamples = this.checkTrainable(settings);
    const now = this.clock.now();
    const record: ModelRecord = {
      id: newModelId(),
      seq: this.nextSeq++,
      name,
      settings,
      createdAt: now,
      updatedAt: now,
      history: [],
      run: startRun(now, this.policy.trainingMs, this.policy.phases, this.policy.fails(name)),
      totalSteps: totalTrainingSteps(
        trainExamples,
        settings.hyperparameters?.train_epochs,
        settings.hyperparameters?.train_batch_size,
      ),
    };
    const delay = this.policy.visibilityDelayMs();
    if (delay > 0) record.visibleFrom = now + delay;
    this.records.set(record.id, record);
    return record;
  }

  /** The dataset must exist, be validated and suit the base type; returns its training example count. */
  private checkTrainable(settings: WireSettings): number {
    const dataset = this.datasets.get(settings.dataset_id);
    const status = this.datasets.validationStatus(dataset);
    if (status !== "validated") {
      const reason = dataset.outcome.error ? `: ${dataset.outcome.error}` : "";
      throw invalidRequest(
        `settings.dataset_id: dataset ${dataset.id} is not ready for fine-tuning (validation_status ${status}${reason})`,
      );
    }
    const baseType = settings.base_model.base_type;
    if (!DATASET_TYPES_FOR[baseType]?.includes(dataset.type)) {
      throw invalidRequest(
        `settings.dataset_id: dataset ${dataset.id} has type ${dataset.type}, which cannot train ${baseType}`,
      );
    }
    if (baseType === BaseType.Classification) {
      const multiLabel = dataset.type === DatasetType.MultiLabelClassificationFinetuneInput;
      if (settings.multi_label !== undefined && settings.multi_label !== multiLabel) {
        throw invalidRequest(
          `settings.multi_label is ${settings.multi_label} but dataset ${dataset.id} is ${dataset.type}`,
        );
      }
      settings.multi_label = multiLabel;
    }
    return dataset.outcome.metrics?.train_examples ?? 0;
  }

  get(id: string): ModelRecord {
    if (!isUuid(id)) throw new ApiError(400, `finetuneID is not a valid UUID: '${id}'`);
    const record = this.records.get(id);
    if (!record || !isVisible(record, this.clock.now())) throw notFound(`finetuned model ${id} not found`);
    return record;
  }

  /** Adds READY models created in the past, keeping the store in listKey order. */
  seed(input: SeedModelsInput): ModelRecord[] {
    const dataset = input.datasetId === undefined ? undefined : this.datasets.get(input.datasetId);
    const seeded = seededModels(input, {
      now: this.clock.now(),
      policy: this.policy,
      trainExamples: dataset?.outcome.metrics?.train_examples ?? 0,
      nextSeq: () => this.nextSeq++,
    });
    const all = [...this.records.values(), ...seeded].map((record) => ({ key: listKey(record), record }));
    all.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    this.records.clear();
    for (const { record } of all) this.records.set(record.id, record);
    return seeded;
  }

  list(page: PageRequest): Page<ModelRecord> {
    const now = this.clock.now();
    return paginate(
      [...this.records.values()].filter((record) => isVisible(record, now)),
      listKey,
      page,
    );
  }

  update(id: string, { name, settings }: UpdateModelInput): ModelRecord {
    const record = this.get(id);
    if (settings) {
      const requested = checkSettings(settings, { requireWandbApiKey: false });
      record.settings = applySettingsUpdate(record.settings, requested);
    }
    record.name = name;
    record.updatedAt = this.clock.now();
    return record;
  }

  delete(id: string): void {
    this.get(id);
    this.records.delete(id);
  }

  events(id: string, page: PageRequest): Page<WireEvent> {
    const events = this.eventsOf(this.get(id)).map((event, index) => ({ event, index }));
    const result = paginate(
      events,
      ({ event, index }) => `${sortableNumber(event.at)}:${sortableNumber(index)}`,
      page,
    );
    return { ...result, items: result.items.map(({ event }) => eventView(event)) };
  }

  stepMetrics(id: string, page: PageRequest): Page<WireTrainingStepMetrics> {
    const record = this.get(id);
    const metrics = stepMetricsUpTo(record.id, record.run, record.totalSteps, this.clock.now());
    const result = paginate(metrics, (m) => sortableNumber(m.step), page);
    return {
      ...result,
      items: result.items.map((m) => ({
        created_at: rfc3339(m.at),
        step_number: m.step,
        metrics: m.metrics,
      })),
    };
  }

  /**
   * Admin override. A lifecycle phase (queued, finetuning, deploying) restarts the run from that
   * phase; any other status freezes the model there until forced again.
   */
  forceStatus(id: string, status: Status): ModelRecord {
    const record = this.get(id);
    const now = this.clock.now();
    record.history = [...this.eventsOf(record), { status, at: now }];
    record.run = isLifecyclePhase(status)
      ? startRun(now, this.policy.trainingMs, this.policy.phases, this.policy.fails(record.name), status)
      : { ...record.run, eventsAfter: now, stoppedAt: now };
    record.updatedAt = now;
    return record;
  }

  /** Replaces the settings a model reports, as if changed outside the API (the admin API's drift). */
  replaceSettings(id: string, settings: WireSettingsRequest): ModelRecord {
    const record = this.get(id);
    record.settings = {
      ...checkSettings(settings, { requireWandbApiKey: false }),
      wandb: record.settings.wandb,
    };
    record.updatedAt = this.clock.now();
    return record;
  }

  /**
   * Admin override: records an inference call to the model at that time. A model serves inference
   * only once deployed, so the time must lie between its first STATUS_READY and now. It changes
   * nothing else, `updated_at` included, as using a model does not modify it.
   */
  markUsed(id: string, input: LastUsedInput): ModelRecord {
    const record = this.get(id);
    const now = this.clock.now();
    const given =
      "at" in input
        ? `last_used ${rfc3339(input.at)}`
        : `ago_ms ${input.agoMs} (${rfc3339(now - input.agoMs)})`;
    const at = "at" in input ? input.at : now - input.agoMs;
    if (at > now) throw new ApiError(400, `${given} is after the emulator's now, ${rfc3339(now)}`);
    const ready = this.eventsOf(record).find((event) => event.status === "STATUS_READY");
    if (!ready) {
      throw new ApiError(
        400,
        `finetuned model ${id} has never been STATUS_READY, so it cannot have been used (${given})`,
      );
    }
    if (at < ready.at) {
      throw new ApiError(
        400,
        `${given} is before the model first became STATUS_READY, at ${rfc3339(ready.at)}`,
      );
    }
    record.lastUsedAt = at;
    return record;
  }

  /**
   * Dooms every still-undecided training whose name is now listed in fail_training. A doomed run
   * stays doomed when the list changes again, so replacing the fault config never rescues it.
   */
  markFailingTrainings(): void {
    const now = this.clock.now();
    for (const record of this.records.values()) {
      if (outcomeUndecided(record.run, now) && this.policy.fails(record.name)) record.run.failing = true;
    }
  }

  view(record: ModelRecord): WireFinetunedModel {
    const events = this.eventsOf(record);
    const last = events[events.length - 1];
    const ready = events.filter((event) => event.status === "STATUS_READY").pop();
    const view: WireFinetunedModel = {
      id: record.id,
      name: record.name,
      creator_id: CREATOR_ID,
      organization_id: ORGANIZATION_ID,
      settings: structuredClone(record.settings),
      status: last.status,
      created_at: rfc3339(record.createdAt),
      updated_at: rfc3339(Math.max(record.updatedAt, last.at)),
    };
    if (ready) view.completed_at = rfc3339(ready.at);
    if (record.lastUsedAt !== undefined) view.last_used = rfc3339(record.lastUsedAt);
    return view;
  }

  private eventsOf(record: ModelRecord): RecordedEvent[] {
    const planned = transitionsUpTo(record.run, this.clock.now()).map((t) =>
      t.status === "STATUS_QUEUED" ? { ...t, userId: CREATOR_ID } : t,
    );
    return [...record.history, ...planned];
  }

  snapshot(): ModelRecord[] {
    return [...this.records.values()];
  }

  restore(records: ModelRecord[]): void {
    this.clear();
    for (const record of records) {
      // State files written before the phase split was configurable hold runs without one.
      record.run.phases ??= this.policy.phases;
      this.records.set(record.id, record);
    }
    this.nextSeq = records.reduce((next, record) => Math.max(next, record.seq + 1), 0);
  }

  clear(): void {
    this.records.clear();
  }
}

/** The store's iteration order, which listing relies on: created_at, then creation order. */
function listKey(record: ModelRecord): string {
  return `${sortableNumber(record.createdAt)}:${sortableNumber(record.seq)}`;
}

function isVisible(record: ModelRecord, now: number): boolean {
  return record.visibleFrom === undefined || now >= record.visibleFrom;
}

function eventView(event: RecordedEvent): WireEvent {
  const view: WireEvent = { status: event.status, created_at: rfc3339(event.at) };
  if (event.userId) view.user_id = event.userId;
  return view;
}
