/** The dynamic provider behind Dataset: an uploaded, validated Cohere dataset. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CohereClient } from "../cohere/client";
import type { WireDataset } from "../cohere/wire";
import { NotFoundError } from "../cohere/errors";
import { ConfiguredConnection, ConfigReader, connectionFromConfig } from "../lifecycle/connection";
import { createCohereClient } from "../lifecycle/clientFactory";
import {
  DatasetInputs,
  DatasetOutputs,
  datasetInputKeys,
  maxDatasetNameLength,
  uploadOptionKeys,
} from "./types";
import { outputsFromWire, readUploadFile, UploadFile, uploadRequest } from "./wire";
import { validateDataset } from "./validation";
import { diffDataset, needsWaiting } from "./diff";
import { autoName } from "../lifecycle/autoName";
import { createOnce } from "../lifecycle/createOnce";
import { rememberTakeover, TakeoverMemory, wasTakenOver } from "../lifecycle/takeovers";
import { findUploadedDataset } from "./findUploadedDataset";
import { report } from "../lifecycle/report";
import { pickDefined } from "../lifecycle/plainObjects";
import { ValidationStatus } from "../cohere/enums";
import { formatDuration, parseDurationMs } from "../lifecycle/duration";
import { pollScheduleFromEnv, waitForFinalStatus } from "../lifecycle/waitUntilReady";
import { ResourceInitError } from "../lifecycle/resourceInitError";

/** Validation usually takes minutes; without customTimeouts a create waits at most this long. */
const defaultWaitMs = 3_600_000;
/** Room for `-` and the 8-character suffix of a generated name. */
const maxGeneratedStemLength = maxDatasetNameLength - 9;

export class DatasetProvider implements dynamic.ResourceProvider, TakeoverMemory {
  takenOverIds?: string[];
  private configured: ConfiguredConnection = {};
  private cachedClient?: CohereClient;

  async configure(req: { config: ConfigReader }): Promise<void> {
    this.configured = connectionFromConfig(req.config);
    this.cachedClient = undefined;
  }

  async check(olds: Record<string, unknown>, news: Record<string, unknown>): Promise<dynamic.CheckResult> {
    const failures = validateDataset(news);
    if (failures.length > 0) return { inputs: news, failures };
    const inputs = { ...news } as unknown as DatasetInputs;
    if (inputs.name === undefined) {
      inputs.name = autoName(olds, inputs, uploadedContent(inputs), "dataset", maxGeneratedStemLength);
      inputs.nameIsGenerated = true;
    } else {
      delete inputs.nameIsGenerated;
    }
    return { inputs };
  }

  async diff(id: string, olds: DatasetOutputs, news: DatasetInputs): Promise<dynamic.DiffResult> {
    const result = diffDataset(id, olds, news);
    for (const reason of result.reasons) report(reason);
    return { changes: result.changes, replaces: result.replaces };
  }

  async create(inputs: DatasetInputs): Promise<dynamic.CreateResult> {
    const client = this.client();
    const data = await readDeclaredFile(inputs.dataFile, inputs.dataFileHash, "dataFile");
    const evalData = inputs.evalDataFile
      ? await readDeclaredFile(inputs.evalDataFile, inputs.evalDataFileHash, "evalDataFile")
      : undefined;
    const declared = { ...inputs, dataFileHash: data.sha256, evalDataFileHash: evalData?.sha256 };
    const request = uploadRequest(declared, data, evalData);
    const startedAt = Date.now();
    const {
      value: { id },
      takenOver,
    } = await createOnce({
      what: `the upload of dataset ${inputs.name}`,
      // A generated name hashes the content, so a dataset of that name is this upload; an explicit name
      // only identifies one uploaded after this attempt began.
      findExisting: async (attempt) =>
        inputs.nameIsGenerated || attempt > 1
          ? findUploadedDataset(client, request, inputs.nameIsGenerated ? undefined : startedAt)
          : undefined,
      create: async () => {
        const created = await client.datasets.create(request);
        report(
          `uploaded dataset ${inputs.name} (${created.id}): ${data.content.length} bytes of ${inputs.type}`,
        );
        return created;
      },
    });
    if (takenOver) rememberTakeover(this, id);
    const dataset = await client.datasets.get(id);
    return { id, outs: await settle(client, declared, { ...dataset, id }, inputs.timeouts?.create) };
  }

  /**
   * Cohere deletes every dataset after 30 days. Dropping it from state then would upload it again on the next
   * `up`, under a new id, and so retrain every model trained on it: instead the record stays, marked expired.
   * Only a change of the file (or `pulumi up --replace`) uploads it again.
   */
  async read(id: string, props: DatasetOutputs): Promise<dynamic.ReadResult> {
    const inputs = pickDefined(props as DatasetInputs, datasetInputKeys);
    let dataset: WireDataset;
    try {
      dataset = await this.client().datasets.get(id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      report(
        `dataset ${props.name} (${id}) no longer exists at Cohere; kept as expired so its models are not retrained`,
      );
      return { id, props: { ...props, expired: true }, inputs };
    }
    return { id, props: outputsFromWire(inputs, dataset), inputs };
  }

  /** Nothing about an uploaded dataset can change at Cohere; an update records inputs or resumes waiting. */
  async update(id: string, olds: DatasetOutputs, news: DatasetInputs): Promise<dynamic.UpdateResult> {
    if (!needsWaiting(olds, news)) return { outs: { ...olds, ...news } };
    const client = this.client();
    const dataset = await client.datasets.get(id);
    return { outs: await settle(client, news, { ...dataset, id }, news.timeouts?.update) };
  }

  async delete(id: string): Promise<void> {
    if (wasTakenOver(this, id)) {
      report(`not deleting dataset ${id}: a resource of this update took it over and manages it now`);
      return;
    }
    try {
      await this.client().datasets.delete(id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }

  private client(): CohereClient {
    this.cachedClient ??= createCohereClient(this.configured);
    return this.cachedClient;
  }
}

/** Everything that decides what is uploaded; a replacement changes it, so it also gets a fresh generated name. */
function uploadedContent(inputs: DatasetInputs): unknown {
  const options = Object.fromEntries(uploadOptionKeys.map((key) => [key, inputs[key]]));
  return {
    type: inputs.type,
    dataFileHash: inputs.dataFileHash,
    evalDataFileHash: inputs.evalDataFileHash,
    options,
  };
}

/** The hash was taken when the program ran; a different content now would make the state lie about the upload. */
async function readDeclaredFile(
  file: string,
  declaredHash: string | undefined,
  property: string,
): Promise<UploadFile> {
  const upload = await readUploadFile(file);
  if (declaredHash !== undefined && upload.sha256 !== declaredHash) {
    throw new Error(`${property} "${file}" changed while \`pulumi up\` was running; run it again`);
  }
  return upload;
}

/** Waits for validation to end when asked to; a dataset that fails or outlives the deadline stays in state. */
async function settle(
  client: CohereClient,
  inputs: DatasetInputs,
  dataset: WireDataset,
  timeout: string | undefined,
): Promise<DatasetOutputs> {
  const id = dataset.id;
  const outs = outputsFromWire(inputs, dataset);
  if (inputs.waitForValidation === false) return outs;
  const waitMs = timeout ? parseDurationMs(timeout) : defaultWaitMs;
  let outcome;
  try {
    outcome = await waitForFinalStatus(
      dataset,
      {
        get: () => client.datasets.get(id),
        nameOf: (item) => item.name,
        statusOf: (item) => item.validation_status,
        readyStatuses: [ValidationStatus.Validated, ValidationStatus.Skipped],
        failedStatuses: [ValidationStatus.Failed],
      },
      { deadline: Date.now() + waitMs, schedule: pollScheduleFromEnv(), report },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ResourceInitError(`waiting for dataset ${dataset.name} (${id}) failed: ${reason}`, id, outs);
  }
  const finalOuts = outputsFromWire(inputs, { ...outcome.item, id });
  if (outcome.kind === "failed") {
    throw new ResourceInitError(
      `Cohere could not validate dataset ${dataset.name} (${id}): ${outcome.item.validation_error ?? "no reason given"}. ` +
        "The dataset stays in the stack; fix the file and run `pulumi up` again to replace it with a new upload.",
      id,
      finalOuts,
    );
  }
  if (outcome.kind === "timedOut") {
    throw new ResourceInitError(
      `timed out after ${formatDuration(waitMs)} waiting for dataset ${dataset.name} (${id}) to finish validation ` +
        `(still ${outcome.item.validation_status}). The dataset stays in the stack; the next \`pulumi up\` resumes waiting.`,
      id,
      finalOuts,
    );
  }
  return finalOuts;
}
