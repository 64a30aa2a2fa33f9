/** The dynamic provider behind Dataset: an uploaded, validated Cohere dataset. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CohereClient } from "../cohere/client";
import type { WireDataset } from "../cohere/wireTypes";
import { NotFoundError } from "../cohere/errors";
import { ValidationStatus } from "../cohere/enums";
import type { ChangeDecision } from "../lifecycle/changeDecision";
import { CohereProvider } from "../lifecycle/cohereProvider";
import type { HostBookkeeping, ResourceProvider } from "../lifecycle/resourceProvider";
import { createOnce, createOnceTiming } from "../lifecycle/createOnce";
import type { HostContext } from "../lifecycle/hostContext";
import { formatDuration, parseDurationMs } from "../lifecycle/duration";
import { grouped } from "../lifecycle/counts";
import { generatedName } from "../lifecycle/generatedName";
import { omit, pickDefined } from "../lifecycle/plainObjects";
import { report } from "../lifecycle/report";
import { ResourceInitError } from "../lifecycle/resourceInitError";
import { containsUnknown } from "../lifecycle/rules";
import { backoff, pollSchedule, waitForStatus } from "../lifecycle/waitForStatus";
import {
  changedUploadInputs,
  diffDataset,
  isImported,
  needsWaiting,
  pendingValidationStatuses,
} from "./diff";
import { DatasetInputs, DatasetOutputs, datasetInputKeys, maxDatasetNameLength } from "./types";
import { checkRows, type RowCheck } from "./rowCheck";
import { estimateTrainableTokens, tokensOfText } from "./tokenEstimate";
import { validateDataset } from "./validation";
import { outputsFromWire, uploadRequest } from "./datasetConversion";
import { fileSha256 } from "./fileHashes";

/** Validation usually takes minutes; without customTimeouts a create waits at most this long. */
const defaultWaitMs = 3_600_000;
/** Room for `-` and the 8-character suffix of a generated name. */
const maxGeneratedStemLength = maxDatasetNameLength - 9;
/** Tolerates a service clock somewhat behind ours when matching an upload whose answer was lost. */
const clockSkewMs = 5 * 60_000;

export class DatasetProvider extends CohereProvider implements ResourceProvider {
  /** Uploads whose size this process already announced. */
  private readonly uploadsAnnounced = new Set<string>();
  /** By resource, the text its check read from the file it will upload: the estimate needs no second read. */
  private readonly checkedText = new Map<string, number>();

  async check(
    olds: Record<string, unknown>,
    news: Record<string, unknown>,
    { resourceName }: HostBookkeeping,
  ): Promise<dynamic.CheckResult> {
    const failures = validateDataset(news, undefined, true, !isImported(olds as Partial<DatasetInputs>));
    if (failures.length > 0) return { inputs: news, failures };
    const rows = await checkRowsOfUpload(olds, news as unknown as DatasetInputs, resourceName, this.context);
    if (rows.failures.length > 0) return { inputs: news, failures: rows.failures };
    if (rows.dataFileCharacters !== undefined) {
      this.checkedText.set(resourceName, rows.dataFileCharacters);
    }
    if (Object.keys(olds).length === 0) {
      await this.checkCredentials();
      await this.announceUpload(news as unknown as DatasetInputs, resourceName);
    }
    return { inputs: news };
  }

  async diff(
    id: string,
    olds: DatasetOutputs,
    news: DatasetInputs,
    { resourceName }: HostBookkeeping,
  ): Promise<dynamic.DiffResult & Pick<ChangeDecision, "changedPaths">> {
    const decision = diffDataset(id, olds, news);
    for (const reason of decision.reasons) report(reason);
    if (decision.replaces.length > 0) {
      await this.checkCredentials();
      await this.announceUpload(news, resourceName);
    }
    return { changes: decision.changes, replaces: decision.replaces, changedPaths: decision.changedPaths };
  }

  async create(inputs: DatasetInputs, host: HostBookkeeping): Promise<dynamic.CreateResult> {
    if (inputs.dataFile === undefined) {
      throw new Error("dataFile is required to upload the dataset: declare the file it is to be made from");
    }
    const client = this.client();
    await checkUnchanged(inputs);
    const name = inputs.name ?? generatedName(host.resourceName, maxGeneratedStemLength);
    const recentUploads = (since: number) =>
      client.datasets.list({ datasetType: inputs.type, after: new Date(since - clockSkewMs) });
    // A declared name may be on recent uploads already (this file's earlier version, another stack's): none of
    // them is ever taken for this upload when its answer is lost.
    const earlier = new Set(
      inputs.name === undefined
        ? []
        : (await recentUploads(this.context.clock.now()))
            .filter((dataset) => dataset.name === name)
            .map(({ id }) => id),
    );
    const request = await uploadRequest(name, inputs);
    const { value: uploaded, recovered } = await createOnce(
      {
        what: `the upload of dataset ${name}`,
        create: () =>
          client.datasets.create(request).catch(async (error: unknown) => {
            // An upload cut short because the file changed is no lost answer: say so instead of resending.
            await checkUnchanged(inputs);
            throw error;
          }),
        findCreated: async (sentAt) =>
          (await recentUploads(sentAt)).find((dataset) => dataset.name === name && !earlier.has(dataset.id)),
      },
      createOnceTiming(this.context),
    );
    report(
      recovered
        ? `found dataset ${name} (${uploaded.id}): the upload had gone through`
        : `uploaded dataset ${name} (${uploaded.id}): ${request.data.size} bytes of ${inputs.type}`,
    );
    let dataset: WireDataset;
    try {
      dataset = await client.datasets.get(uploaded.id);
    } catch (error) {
      // Uploaded: its id must reach the state, or the next `up` would upload it again and orphan this one.
      const unread = {
        id: uploaded.id,
        name,
        dataset_type: inputs.type,
        validation_status: ValidationStatus.Unknown,
      };
      throw new ResourceInitError(
        `dataset ${name} (${uploaded.id}) was uploaded but could not be read: ${(error as Error).message}. ` +
          "It stays in the stack; the next `pulumi up` waits for its validation.",
        uploaded.id,
        outputsFromWire(inputs, unread as WireDataset),
      );
    }
    return {
      id: uploaded.id,
      outs: await settle(
        client,
        inputs,
        { ...dataset, id: uploaded.id },
        host.timeouts?.create,
        this.context,
      ),
    };
  }

  /**
   * Cohere deletes every dataset after 30 days. Dropping it from state then would upload it again on the next
   * `up`, under a new id, and so retrain every model trained on it: instead the record stays, marked expired.
   * Only a change of the file (or `pulumi up --replace`) uploads it again.
   */
  async read(id: string, props: DatasetOutputs): Promise<dynamic.ReadResult> {
    const imports = props.type === undefined;
    let dataset: WireDataset;
    try {
      dataset = await this.client().datasets.get(id);
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
      if (imports) return {};
      report(
        `dataset ${props.name} (${id}) no longer exists at Cohere; kept as expired so its models are not retrained`,
      );
      return { id, props: { ...props, expired: true }, inputs: declaredInputs(props) };
    }
    const inputs = imports ? importedInputs(dataset) : declaredInputs(props);
    return { id, props: outputsFromWire(inputs, dataset), inputs };
  }

  /** Nothing about an uploaded dataset can change at Cohere; an update records inputs or resumes waiting. */
  async update(
    id: string,
    olds: DatasetOutputs,
    news: DatasetInputs,
    host: HostBookkeeping,
  ): Promise<dynamic.UpdateResult> {
    if (!needsWaiting(olds, news))
      return { outs: { ...omit(olds, datasetInputKeys), ...news, name: olds.name } };
    const client = this.client();
    const dataset = await client.datasets.get(id);
    return { outs: await settle(client, news, { ...dataset, id }, host.timeouts?.update, this.context) };
  }

  async delete(id: string): Promise<void> {
    await this.deleteIgnoringMissing(() => this.client().datasets.delete(id));
  }

  /**
   * Models trained on a dataset not uploaded yet cannot say what their training processes: the dataset says it
   * once, with an estimate from its file where one can be made.
   */
  private async announceUpload(inputs: DatasetInputs, resource: string): Promise<void> {
    if (this.uploadsAnnounced.has(resource) || containsUnknown(inputs.dataFile)) return;
    this.uploadsAnnounced.add(resource);
    const checked = this.checkedText.get(resource);
    const estimate =
      checked !== undefined
        ? tokensOfText(checked)
        : inputs.dataFile === undefined
          ? undefined
          : await estimateTrainableTokens(inputs.dataFile).catch(() => undefined);
    report(
      estimate === undefined
        ? `${resource}: its trainable tokens are unknown until it is uploaded and validated`
        : `${resource}: about ${grouped(estimate)} trainable tokens, estimated from ${inputs.dataFile} at 4 ` +
            "characters a token (Cohere counts them when it validates the upload); each model trained on it " +
            "processes them × its epochs",
    );
  }
}

/**
 * Files about to be uploaded are checked against Cohere's rules; one already uploaded is not read again, so a
 * preview without changes reads no file.
 */
async function checkRowsOfUpload(
  olds: Record<string, unknown>,
  news: DatasetInputs,
  resource: string,
  { operationLog }: HostContext,
): Promise<RowCheck> {
  const uploads = Object.keys(olds).length === 0 || changedUploadInputs(olds, news).length > 0;
  const read = [news.type, news.dataFile, news.evalDataFile, news.skipMalformedInput];
  if (!uploads || containsUnknown(read)) return { failures: [], notes: [] };
  const rows = await checkRows(news);
  for (const note of rows.notes) operationLog.warning(`${resource}: ${note}`);
  return rows;
}

/** The inputs a refresh records: the declared ones, without the name when the provider chose it. */
function declaredInputs(props: DatasetOutputs): DatasetInputs {
  const inputs = pickDefined(props as DatasetInputs, datasetInputKeys);
  if (props.nameIsGenerated) delete inputs.name;
  return inputs;
}

/**
 * What `pulumi import` records as a dataset's declared inputs: its name and type. Cohere keeps neither the file
 * nor its hash, so the file the program then declares is taken as the one uploaded, without a new upload.
 */
function importedInputs(dataset: WireDataset): DatasetInputs {
  return { name: dataset.name, type: dataset.dataset_type as DatasetInputs["type"] } as DatasetInputs;
}

/** The hashes were taken when the program ran; other content now would make the state lie about the upload. */
async function checkUnchanged(inputs: DatasetInputs): Promise<void> {
  const files = [
    ["dataFile", inputs.dataFile, inputs.dataFileHash],
    ["evalDataFile", inputs.evalDataFile, inputs.evalDataFileHash],
  ] as const;
  for (const [property, file, declaredHash] of files) {
    if (file === undefined || declaredHash === undefined) continue;
    if ((await fileSha256(file)) !== declaredHash) {
      throw new Error(`${property} "${file}" changed while \`pulumi up\` was running; run it again`);
    }
  }
}

/** Waits for validation to end when asked to; a dataset that fails or outlives the deadline stays in state. */
async function settle(
  client: CohereClient,
  inputs: DatasetInputs,
  dataset: WireDataset,
  timeout: string | undefined,
  { timing, clock }: HostContext,
): Promise<DatasetOutputs> {
  const id = dataset.id;
  const outs = outputsFromWire(inputs, dataset);
  if (inputs.waitForValidation === false) return outs;
  const waitMs = timeout ? parseDurationMs(timeout) : defaultWaitMs;
  let outcome;
  try {
    outcome = await waitForStatus(
      dataset,
      {
        get: () => client.datasets.get(id),
        nameOf: (item) => item.name,
        statusOf: (item) => item.validation_status,
        pendingStatuses: pendingValidationStatuses,
      },
      {
        deadline: clock.now() + waitMs,
        nextDelay: backoff(pollSchedule(timing), (item: WireDataset) => item.validation_status),
        report,
        sleep: clock.sleep,
        now: clock.now,
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ResourceInitError(`waiting for dataset ${dataset.name} (${id}) failed: ${reason}`, id, outs);
  }
  const finalOuts = outputsFromWire(inputs, { ...outcome.item, id });
  if (outcome.kind === "timedOut") {
    throw new ResourceInitError(
      `timed out after ${formatDuration(waitMs)} waiting for dataset ${dataset.name} (${id}) to finish validation ` +
        `(still ${outcome.item.validation_status}). The dataset stays in the stack; the next \`pulumi up\` resumes waiting.`,
      id,
      finalOuts,
    );
  }
  if (outcome.item.validation_status === ValidationStatus.Failed) {
    throw new ResourceInitError(
      `Cohere could not validate dataset ${dataset.name} (${id}): ${outcome.item.validation_error ?? "no reason given"}. ` +
        "The dataset stays in the stack; fix the file and run `pulumi up` again to replace it with a new upload.",
      id,
      finalOuts,
    );
  }
  return finalOuts;
}
