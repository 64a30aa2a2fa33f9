/** The dynamic provider behind FinetunedModel: Pulumi's lifecycle mapped onto Cohere's fine-tuning API. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CohereClient } from "../cohere/client";
import type { WireFinetunedModel } from "../cohere/wire";
import { NotFoundError } from "../cohere/errors";
import { Created, createOnce } from "../lifecycle/createOnce";
import { rememberTakeover, TakeoverMemory, wasTakenOver } from "../lifecycle/takeovers";
import { ConfiguredConnection, ConfigReader, connectionFromConfig } from "../lifecycle/connection";
import { createCohereClient } from "../lifecycle/clientFactory";
import { FinetunedModelInputs, FinetunedModelOutputs, finetunedModelInputKeys } from "./types";
import { createRequestBody, declaredForOutputs, outputsFromWire, settingsToWire } from "./wire";
import { diffFinetunedModel, trainingSettings } from "./diff";
import { validateFinetunedModel } from "./validation";
import { autoName } from "../lifecycle/autoName";
import { report } from "../lifecycle/report";
import { pickDefined } from "../lifecycle/plainObjects";
import { Status } from "../cohere/enums";
import { parseDurationMs, formatDuration } from "../lifecycle/duration";
import { pollScheduleFromEnv, waitUntilReady } from "../lifecycle/waitUntilReady";
import { findReusableModel } from "./findReusableModel";
import { ResourceInitError } from "../lifecycle/resourceInitError";

/** Trainings take between an hour and a day; without customTimeouts a create waits at most this long. */
const defaultWaitMs = 24 * 3_600_000;

export class FinetunedModelProvider implements dynamic.ResourceProvider, TakeoverMemory {
  takenOverIds?: string[];
  private configured: ConfiguredConnection = {};
  private cachedClient?: CohereClient;
  /**
   * The account's models as listed once per provider process (one Pulumi operation): every create checks it
   * for a model an interrupted run left behind, so a stack of N models lists the account once, not N times.
   */
  private modelsAtStart?: Promise<WireFinetunedModel[]>;

  async configure(req: { config: ConfigReader }): Promise<void> {
    this.configured = connectionFromConfig(req.config);
    this.cachedClient = undefined;
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    const failures = validateFinetunedModel(news);
    if (failures.length > 0) return { inputs: news, failures };
    const inputs = { ...news } as unknown as FinetunedModelInputs;
    if (inputs.name === undefined) {
      inputs.name = autoName(olds, inputs, trainingSettings(inputs.settings), "model");
      inputs.nameIsGenerated = true;
    } else {
      delete inputs.nameIsGenerated;
    }
    return { inputs };
  }

  async diff(
    id: string,
    olds: FinetunedModelOutputs,
    news: FinetunedModelInputs,
  ): Promise<dynamic.DiffResult> {
    const result = diffFinetunedModel(id, olds, news);
    for (const reason of result.reasons) report(reason);
    return { changes: result.changes, replaces: result.replaces };
  }

  async create(inputs: FinetunedModelInputs): Promise<dynamic.CreateResult> {
    const client = this.client();
    const { value: model, takenOver } = inputs.adoptModelId
      ? { value: await adoptModel(client, inputs, inputs.adoptModelId), takenOver: true }
      : await createModelOnce(client, inputs, () => (this.modelsAtStart ??= this.listModelsOnce(client)));
    if (takenOver) rememberTakeover(this, model.id!);
    return { id: model.id!, outs: await settle(client, inputs, model, inputs.timeouts?.create) };
  }

  async read(id: string, props: FinetunedModelOutputs): Promise<dynamic.ReadResult> {
    let model: WireFinetunedModel;
    try {
      model = await this.client().finetunedModels.get(id);
    } catch (error) {
      if (error instanceof NotFoundError) return {};
      throw error;
    }
    if (model.status === Status.Deleted) return {};
    const inputs = pickDefined(props as FinetunedModelInputs, finetunedModelInputKeys);
    return { id, props: outputsFromWire(inputs, model), inputs };
  }

  async update(
    id: string,
    olds: FinetunedModelOutputs,
    news: FinetunedModelInputs,
  ): Promise<dynamic.UpdateResult> {
    const client = this.client();
    const model =
      news.name !== olds.name
        ? await client.finetunedModels.update(id, {
            name: news.name!,
            settings: settingsToWire(news.settings),
          })
        : needsWaiting(olds, news)
          ? await client.finetunedModels.get(id)
          : undefined;
    if (!model) return { outs: { ...olds, ...declaredForOutputs(news) } };
    return { outs: await settle(client, news, { ...model, id }, news.timeouts?.update) };
  }

  async delete(id: string): Promise<void> {
    if (wasTakenOver(this, id)) {
      report(`not deleting model ${id}: a resource of this update took it over and manages it now`);
      return;
    }
    try {
      await this.client().finetunedModels.delete(id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  private listModelsOnce(client: CohereClient): Promise<WireFinetunedModel[]> {
    return client.finetunedModels.listAll().catch((error) => {
      this.modelsAtStart = undefined;
      throw error;
    });
  }

  private client(): CohereClient {
    this.cachedClient ??= createCohereClient(this.configured);
    return this.cachedClient;
  }
}

function needsWaiting(olds: FinetunedModelOutputs, news: FinetunedModelInputs): boolean {
  return news.waitForReady !== false && olds.status !== Status.Ready;
}

async function adoptModel(
  client: CohereClient,
  inputs: FinetunedModelInputs,
  id: string,
): Promise<WireFinetunedModel> {
  const model = await client.finetunedModels.get(id);
  report(`adopting existing model ${model.name} (${id}) instead of training a new one`);
  if (inputs.name !== undefined && inputs.name !== model.name && !inputs.nameIsGenerated) {
    return client.finetunedModels.update(id, {
      name: inputs.name,
      settings: settingsToWire(inputs.settings),
    });
  }
  return model;
}

/**
 * Creates the model, never training it twice: a model with the same name and training settings (left by an
 * interrupted run, or by a request whose answer was lost) is taken over instead of sending another create.
 */
async function createModelOnce(
  client: CohereClient,
  inputs: FinetunedModelInputs,
  modelsAtStart: () => Promise<WireFinetunedModel[]>,
): Promise<Created<WireFinetunedModel>> {
  const body = createRequestBody(inputs.name!, inputs.settings);
  return createOnce({
    what: `the create of model ${body.name}`,
    // After a create whose answer was lost, only a fresh listing can show whether it went through.
    findExisting: async (attempt) => {
      const models = attempt === 1 ? await modelsAtStart() : await client.finetunedModels.listAll();
      const existing = findReusableModel(models, body);
      if (existing)
        report(
          `found model ${existing.name} (${existing.id}) with the same name and settings; taking it over`,
        );
      return existing;
    },
    create: async () => {
      const created = await client.finetunedModels.create(body);
      report(`created model ${created.name} (${created.id}), status ${created.status}`);
      return created;
    },
  });
}

/** Waits for READY when asked to; a model that ends FAILED or outlives the deadline stays in state. */
async function settle(
  client: CohereClient,
  inputs: FinetunedModelInputs,
  model: WireFinetunedModel,
  timeout: string | undefined,
): Promise<FinetunedModelOutputs> {
  const id = model.id!;
  const outs = outputsFromWire(inputs, model);
  if (inputs.waitForReady === false) return outs;
  const waitMs = timeout ? parseDurationMs(timeout) : defaultWaitMs;
  let outcome;
  try {
    outcome = await waitUntilReady(model, {
      getModel: () => client.finetunedModels.get(id),
      deadline: Date.now() + waitMs,
      schedule: pollScheduleFromEnv(),
      report,
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ResourceInitError(`waiting for model ${model.name} (${id}) failed: ${reason}`, id, outs);
  }
  const finalOuts = outputsFromWire(inputs, { ...outcome.model, id });
  if (outcome.kind === "failed") {
    throw new ResourceInitError(
      `Cohere reports that training of model ${model.name} (${id}) ended ${Status.Failed}. ` +
        "The model stays in the stack; the next `pulumi up` replaces it with a new training (check the dataset first).",
      id,
      finalOuts,
    );
  }
  if (outcome.kind === "timedOut") {
    throw new ResourceInitError(
      `timed out after ${formatDuration(waitMs)} waiting for model ${model.name} (${id}) to become ${Status.Ready} ` +
        `(still ${outcome.model.status}). The model stays in the stack and keeps training; the next \`pulumi up\` resumes waiting.`,
      id,
      finalOuts,
    );
  }
  return finalOuts;
}
