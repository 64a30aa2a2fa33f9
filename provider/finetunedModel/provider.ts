/** The dynamic provider behind FinetunedModel: Pulumi's lifecycle mapped onto Cohere's fine-tuning API. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CohereClient } from "../cohere/client";
import type { WireDataset, WireFinetunedModel } from "../cohere/wireTypes";
import { NotFoundError } from "../cohere/errors";
import { Status, ValidationStatus } from "../cohere/enums";
import { CohereProvider } from "../lifecycle/cohereProvider";
import type { HostBookkeeping, ResourceProvider } from "../lifecycle/resourceProvider";
import { createOnce, createOnceTiming } from "../lifecycle/createOnce";
import { onceVisible } from "../lifecycle/justCreated";
import { formatDuration } from "../lifecycle/duration";
import { generatedName } from "../lifecycle/generatedName";
import { omit, pickDefined, withoutNulls, withoutUndefined } from "../lifecycle/plainObjects";
import { report } from "../lifecycle/report";
import { ResourceInitError } from "../lifecycle/resourceInitError";
import { CheckFailure, containsUnknown } from "../lifecycle/rules";
import { diffFinetunedModel, FinetunedModelDecision, trainingStatuses, wantsRename } from "./diff";
import { adopt, adopts, checkAdoption, importedInputs } from "./adoption";
import { describeDrift, driftBetween } from "./drift";
import { clockSkewMs, findInterruptedCreate, RecentModels, trainedAsDeclared } from "./interruptedCreates";
import { lastTrainingStep } from "./metrics";
import { ListedReads } from "./listedReads";
import { ModelWatcher } from "./modelWatcher";
import { PendingNames, pendingNames } from "./pendingName";
import { stackKey } from "../lifecycle/stackKey";
import { settleTraining, waitsForReady, withTrainingResult } from "./training";
import { UpdateBudget } from "./trainingBudget";
import { describeTrainingCost, trainingTokens } from "./trainingCost";
import { validateFinetunedModel } from "./validation";
import { declaredForOutputs, outputsFromWire, settingsToWire } from "./modelConversion";
import { FinetunedModelInputs, FinetunedModelOutputs, finetunedModelInputKeys } from "./types";

/** How long the rename that ends a create keeps retrying an outage. */
const renameOutlastsOutagesMs = 10 * 60_000;

export class FinetunedModelProvider extends CohereProvider implements ResourceProvider {
  /** The account's recent models, listed once per plugin process (one Pulumi operation). */
  private readonly recentModels = new RecentModels();
  /** Resources whose training cost this process already announced. */
  private readonly costsAnnounced = new Set<string>();
  /** Datasets as read once per process: their size prices a training and paces its polls. */
  private readonly datasets = new Map<string, Promise<DatasetRead>>();
  private readonly startedAt = this.context.clock.now();
  private readonly budget = new UpdateBudget(() => this.configured);
  /**
   * Models a create in this process adopted or resumed rather than trained. A replacement that ends up holding
   * the model it replaces (`pulumi up --replace` of an adopted model, say) must not have it deleted after it.
   */
  private readonly takenOver = new Set<string>();
  /** One watcher per client reads every model this process waits for (see modelWatcher.ts). */
  private readonly watchers = new WeakMap<CohereClient, ModelWatcher>();
  /** Refresh reads share listings (see listedReads.ts). */
  private readonly listedReads = new WeakMap<CohereClient, ListedReads>();
  /** By pending-name scope (`<project>/<stack>`): what sets the stack apart from others of its names. */
  private readonly stackKeys = new Map<string, string | undefined>();

  async check(
    olds: Record<string, unknown>,
    declared: Record<string, unknown>,
    host: HostBookkeeping,
  ): Promise<dynamic.CheckResult> {
    const news = withoutNulls(declared);
    const failures = validateFinetunedModel(news);
    if (failures.length > 0) return { inputs: news, failures };
    const inputs = news as unknown as FinetunedModelInputs;
    if (Object.keys(olds).length === 0) {
      if (adopts(inputs)) {
        const adoptionFailures = await checkAdoption(this.client(), inputs);
        if (adoptionFailures.length > 0) return { inputs: news, failures: adoptionFailures };
      } else {
        await this.checkCredentials();
        const refusal = await this.announceTraining(inputs, host.resourceName, "a new model");
        if (refusal) return { inputs: news, failures: [refusal] };
      }
    }
    return { inputs: news };
  }

  async diff(
    id: string,
    olds: FinetunedModelOutputs,
    news: FinetunedModelInputs,
    host: HostBookkeeping,
  ): Promise<dynamic.DiffResult & Pick<FinetunedModelDecision, "changedPaths">> {
    const decision = diffFinetunedModel(id, olds, news);
    if (decision.startsTraining && !this.retrainAllowed(news)) {
      throw new Error(
        `retraining is not allowed: ${decision.reasons.join("; ")}. Set allowRetrain: true on this resource ` +
          "(or cohere:allowRetrain: true for the stack) in the change that means to start a new training.",
      );
    }
    for (const reason of decision.reasons) report(reason);
    if (decision.startsTraining || wantsRename(olds, news)) await this.checkCredentials();
    if (decision.replaces.length > 0) await this.warnOfReplacement(id, olds, host.resourceName);
    if (decision.startsTraining) {
      const refusal = await this.announceTraining(news, host.resourceName, `replaces ${olds.name} (${id})`);
      if (refusal) throw new Error(`${refusal.property}: ${refusal.reason}`);
    }
    return { changes: decision.changes, replaces: decision.replaces, changedPaths: decision.changedPaths };
  }

  async create(inputs: FinetunedModelInputs, host: HostBookkeeping): Promise<dynamic.CreateResult> {
    const client = this.client();
    const dataset = () => this.datasetOf(inputs.settings.datasetId);
    if (inputs.adoptModelId !== undefined) {
      const model = await adopt(client, inputs, inputs.adoptModelId);
      this.takenOver.add(model.id!);
      return {
        id: model.id!,
        outs: await settleTraining(client, inputs, model, host.timeouts?.create, {
          hostContext: this.context,
          dataset,
          watcher: this.watcherFor(client),
        }),
      };
    }
    // From here until its wait ends, this create holds one of the engine's `--parallel` slots.
    this.context.trainingQueue.startedWaiting(host.resourceName);
    try {
      return await this.train(client, inputs, host, dataset);
    } finally {
      this.context.trainingQueue.stoppedWaiting(host.resourceName);
    }
  }

  private async train(
    client: CohereClient,
    inputs: FinetunedModelInputs,
    host: HostBookkeeping,
    dataset: () => Promise<WireDataset | undefined>,
  ): Promise<dynamic.CreateResult> {
    const model = await this.startTraining(client, inputs, host, await dataset());
    const visibleBy = this.context.clock.now() + this.context.timing.createVisibilityMs;
    const id = model.id!;
    let outs: FinetunedModelOutputs;
    let failure: ResourceInitError | undefined;
    try {
      outs = await settleTraining(client, inputs, model, host.timeouts?.create, {
        hostContext: this.context,
        dataset,
        visibleBy,
        watcher: this.watcherFor(client),
      });
    } catch (error) {
      if (!(error instanceof ResourceInitError)) throw error;
      failure = error;
      outs = error.properties as FinetunedModelOutputs;
    }
    // The engine records the model whenever this returns or throws a ResourceInitError: give it its final name.
    if (inputs.name === undefined)
      outs = await this.nameGenerated(client, id, host.resourceName, outs, visibleBy);
    if (failure) throw new ResourceInitError(failure.message, id, outs);
    return { id, outs };
  }

  async read(id: string, props: FinetunedModelOutputs): Promise<dynamic.ReadResult> {
    let model: WireFinetunedModel;
    try {
      model = await this.listedReadsFor(this.client()).get(id);
    } catch (error) {
      if (error instanceof NotFoundError) return {};
      throw error;
    }
    if (model.status === Status.Deleted) return {};
    const inputs = props.settings === undefined ? importedInputs(model) : declaredInputs(props);
    const known = withoutUndefined({
      trainingMetrics: props.trainingMetrics,
      trainingSteps: props.trainingSteps,
    });
    const outs = await this.withResults(id, { ...outputsFromWire(inputs, model), ...known });
    const drifts = outs.trainedSettings ? driftBetween(inputs.settings, outs.trainedSettings) : [];
    if (drifts.length > 0)
      report(`model ${outs.name} (${id}) was trained otherwise than declared: ${describeDrift(drifts)}`);
    return { id, props: outs, inputs };
  }

  async update(
    id: string,
    olds: FinetunedModelOutputs,
    news: FinetunedModelInputs,
    host: HostBookkeeping,
  ): Promise<dynamic.UpdateResult> {
    const client = this.client();
    const known = { trainingMetrics: olds.trainingMetrics, trainingSteps: olds.trainingSteps };
    let model: WireFinetunedModel | undefined;
    if (wantsRename(olds, news)) {
      model = await client.finetunedModels.update(id, {
        name: news.name ?? generatedName(host.resourceName),
        settings: renameSettings(olds),
      });
    } else if (waitsForReady(news) && trainingStatuses.includes(olds.status)) {
      model = await client.finetunedModels.get(id);
    }
    if (!model) {
      const outs: FinetunedModelOutputs = withoutUndefined({
        ...omit(olds, finetunedModelInputKeys),
        ...declaredForOutputs(news),
        name: olds.name,
        status: olds.status,
        inferenceModelName: olds.inferenceModelName,
        nameIsGenerated: news.name === undefined ? true : undefined,
      });
      // A READY model whose metrics a create could not read gets them now, before its gate is checked.
      if (outs.status === Status.Ready) return { outs: await withTrainingResult(client, news, id, outs) };
      return { outs };
    }
    const dataset = () => this.datasetOf(news.settings.datasetId);
    return {
      outs: await settleTraining(client, news, { ...model, id }, host.timeouts?.update, {
        hostContext: this.context,
        known,
        dataset,
        watcher: this.watcherFor(client),
      }),
    };
  }

  async delete(id: string): Promise<void> {
    if (this.takenOver.has(id)) {
      report(`model ${id} is kept, not deleted: a resource of this run adopted or resumed it`);
      return;
    }
    await this.deleteIgnoringMissing(() => this.client().finetunedModels.delete(id));
  }

  /** Resumes this resource's own interrupted create, else sends the create, never training twice. */
  private async startTraining(
    client: CohereClient,
    inputs: FinetunedModelInputs,
    host: HostBookkeeping,
    dataset: WireDataset | undefined,
  ): Promise<WireFinetunedModel> {
    const generated = inputs.name === undefined;
    const pending = this.pendingNamesOf(host);
    const name = inputs.name ?? pending.sent;
    if (generated) {
      const interrupted = await findInterruptedCreate(this.recentModels, client, pending, inputs.settings, {
        dataset,
        operationStartedAt: this.startedAt,
        now: this.context.clock.now(),
      });
      if (interrupted) {
        this.takenOver.add(interrupted.id!);
        return interrupted;
      }
    }
    // Only a create that will really be sent spends tokens: a resumed one was paid for by the run it began in.
    const refusal = this.budget.refusal(
      host.resourceName,
      inputs,
      trainingTokens(inputs.settings, dataset),
      false,
    );
    if (refusal) throw new Error(refusal);
    const body = { name, settings: settingsToWire(inputs.settings, inputs.settings.wandb?.apiKey) };
    const { value: model, recovered } = await createOnce(
      {
        what: `the create of model ${name}`,
        create: () => client.finetunedModels.create(body),
        findCreated: async (sentAt) =>
          (await client.finetunedModels.listCreatedSince(new Date(sentAt - clockSkewMs))).find(
            (candidate) => candidate.name === name && trainedAsDeclared(candidate, inputs.settings),
          ),
      },
      createOnceTiming(this.context),
    );
    report(
      recovered
        ? `found model ${model.name} (${model.id}): the create had gone through`
        : `created model ${model.name} (${model.id}), status ${model.status}`,
    );
    return model;
  }

  /** Gives a model that carried its pending name during the create its generated name. */
  private async nameGenerated(
    client: CohereClient,
    id: string,
    resourceName: string,
    outs: FinetunedModelOutputs,
    visibleBy: number,
  ): Promise<FinetunedModelOutputs> {
    const name = generatedName(resourceName);
    const rename = () => client.finetunedModels.update(id, { name, settings: renameSettings(outs) });
    try {
      // Until the rename lands the model is recorded under its pending name: worth waiting out an outage for.
      const renamed = await onceVisible(rename, {
        visibleBy,
        transientUntil: this.context.clock.now() + renameOutlastsOutagesMs,
        firstDelayMs: this.context.timing.createLookupMs,
      });
      return { ...outs, name: renamed.name, updatedAt: renamed.updated_at };
    } catch (error) {
      // Recorded under the pending name, the model is renamed by the next `pulumi up`.
      throw new ResourceInitError(
        `could not give model ${outs.name} (${id}) its generated name: ${(error as Error).message}`,
        id,
        outs,
      );
    }
  }

  /**
   * Prints, once per resource, the training a create or a replacement will start and what it will process, and
   * says why it cannot start: its dataset does not exist or failed validation, or its training budget refuses it.
   */
  private async announceTraining(
    inputs: FinetunedModelInputs,
    resource: string,
    why: string,
  ): Promise<CheckFailure | undefined> {
    const datasetId = inputs.settings.datasetId;
    const { dataset, missing } = await this.readDataset(datasetId);
    if (missing) {
      const reason = `dataset ${datasetId} does not exist in the Cohere account of this API key: check the id`;
      return { property: "settings.datasetId", reason };
    }
    if (dataset?.validation_status === ValidationStatus.Failed) {
      const reason =
        `dataset ${datasetId} failed Cohere's validation (${dataset.validation_error ?? "no reason given"}): ` +
        "correct its file and upload it again";
      return { property: "settings.datasetId", reason };
    }
    const tokens = trainingTokens(inputs.settings, dataset);
    this.context.trainingQueue.planned({ resource, datasetId, tokens });
    if (!this.costsAnnounced.has(resource)) {
      this.costsAnnounced.add(resource);
      report(`${resource}: starts a training of ${describeTrainingCost(inputs.settings, dataset)} (${why})`);
    }
    const refusal = this.budget.refusal(resource, inputs, tokens, true);
    return refusal === undefined ? undefined : { property: "maxTrainingTokens", reason: refusal };
  }

  /**
   * A replacement deletes the model, and with it its inference name, once the new one is ready: clients still
   * calling it then fail. Says when Cohere last saw it used: one read, only for a model about to be replaced.
   */
  private async warnOfReplacement(id: string, olds: FinetunedModelOutputs, resource: string): Promise<void> {
    const model = await this.client()
      .finetunedModels.get(id)
      .catch(() => undefined);
    const lastUsed = model?.last_used ?? olds.lastUsed;
    const used = lastUsed
      ? `last used ${formatDuration(Math.max(0, this.context.clock.now() - Date.parse(lastUsed)))} ago`
      : "not used yet";
    report(
      `${resource}: replacing model ${olds.name} (${olds.inferenceModelName}, ${used}): clients calling ` +
        "that name fail once it is deleted; the new model's inference name is an output",
    );
  }

  /** Informative only: a dataset that cannot be read makes the estimates unknown, never an operation fail. */
  private async datasetOf(id: string): Promise<WireDataset | undefined> {
    return (await this.readDataset(id)).dataset;
  }

  /** One read per dataset and process; only a dataset Cohere says does not exist is `missing`. */
  private readDataset(id: string): Promise<DatasetRead> {
    if (containsUnknown(id)) return Promise.resolve({});
    let read = this.datasets.get(id);
    if (!read) {
      read = this.client()
        .datasets.get(id)
        .then(
          (dataset) => ({ dataset }),
          (error: unknown) => (error instanceof NotFoundError ? { missing: true } : {}),
        );
      this.datasets.set(id, read);
    }
    return read;
  }

  /** Read once per process: the stack's file does not change while it runs. */
  private pendingNamesOf({ autoNameScope: scope, resourceName }: HostBookkeeping): PendingNames {
    if (!this.stackKeys.has(scope)) this.stackKeys.set(scope, stackKey(scope.slice(scope.indexOf("/") + 1)));
    return pendingNames(scope, resourceName, this.stackKeys.get(scope));
  }

  private listedReadsFor(client: CohereClient): ListedReads {
    let reads = this.listedReads.get(client);
    if (!reads) this.listedReads.set(client, (reads = new ListedReads(client.finetunedModels)));
    return reads;
  }

  private watcherFor(client: CohereClient): ModelWatcher {
    let watcher = this.watchers.get(client);
    if (!watcher)
      this.watchers.set(
        client,
        (watcher = new ModelWatcher(client.finetunedModels, undefined, this.context.cancellation.signal)),
      );
    return watcher;
  }

  private retrainAllowed(inputs: FinetunedModelInputs): boolean {
    return inputs.allowRetrain ?? this.configured.allowRetrain ?? true;
  }

  /** A READY model whose results were never read (created without waiting) gets them, once. */
  private async withResults(id: string, outs: FinetunedModelOutputs): Promise<FinetunedModelOutputs> {
    if (outs.status !== Status.Ready || outs.trainingMetrics) return outs;
    return { ...outs, ...(await lastTrainingStep(this.client(), id)) };
  }
}

interface DatasetRead {
  dataset?: WireDataset;
  missing?: boolean;
}

/** The inputs a refresh records: the declared ones, without the name when the provider chose it. */
function declaredInputs(props: FinetunedModelOutputs): FinetunedModelInputs {
  const inputs = pickDefined(props as FinetunedModelInputs, finetunedModelInputKeys);
  if (props.nameIsGenerated) delete inputs.name;
  return inputs;
}

/** A rename must not touch the training, so it sends the settings Cohere reports, without the wandb key. */
function renameSettings(outs: FinetunedModelOutputs) {
  return settingsToWire(outs.trainedSettings ?? outs.settings);
}
