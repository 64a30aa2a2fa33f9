/** Waits for a training to end and reads what it produced; a model that does not end READY and good stays in state. */
import type { CohereClient } from "../cohere/client";
import type { WireDataset, WireFinetunedModel } from "../cohere/wireTypes";
import { Status } from "../cohere/enums";
import { formatDuration, parseDurationMs } from "../lifecycle/duration";
import type { HostContext } from "../lifecycle/hostContext";
import { onceVisible } from "../lifecycle/justCreated";
import { report } from "../lifecycle/report";
import { ResourceInitError } from "../lifecycle/resourceInitError";
import { waitForStatus } from "../lifecycle/waitForStatus";
import { totalTrainingSteps, trainingPollPlan, trainingPollTiming } from "./trainingPollPlan";
import { trainingStatuses } from "./diff";
import { lastTrainingStep, TrainingResult } from "./metrics";
import { hasThresholds, qualityGateMisses } from "./qualityGate";
import { ModelWatcher } from "./modelWatcher";
import { outputsFromWire } from "./modelConversion";
import type { FinetunedModelInputs, FinetunedModelOutputs } from "./types";

export interface TrainingContext {
  /** The host's timing, clock and cancellation. */
  hostContext: Pick<HostContext, "timing" | "clock" | "cancellation">;
  /** Results already read, never read again. */
  known?: Pick<FinetunedModelOutputs, "trainingMetrics" | "trainingSteps">;
  /** The dataset trained on, whose size tells how many steps the training takes; read only for a wait. */
  dataset?: () => Promise<WireDataset | undefined>;
  /** For a model just created: until when Cohere may still answer 404 for it. */
  visibleBy?: number;
  /** The host's watcher, shared by every wait; a wait alone has its own. */
  watcher?: ModelWatcher;
}

/** Trainings take between an hour and a day; without customTimeouts a wait lasts at most this long. */
const defaultWaitMs = 24 * 3_600_000;

/**
 * The outputs of a model once its training has ended READY and met its quality gate. Every other ending throws a
 * ResourceInitError carrying the model's id, so the engine keeps it in state: FAILED is replaced by the next
 * `up`, a timeout resumes waiting, a missed gate or a model Cohere paused is reported again until fixed.
 */
/** A create waits until the model is READY unless the spec says not to. */
export function waitsForReady(inputs: Pick<FinetunedModelInputs, "waitForReady">): boolean {
  return inputs.waitForReady !== false;
}

export async function settleTraining(
  client: CohereClient,
  inputs: FinetunedModelInputs,
  model: WireFinetunedModel,
  timeout: string | undefined,
  context: TrainingContext,
): Promise<FinetunedModelOutputs> {
  const { hostContext: host, known, dataset, visibleBy = 0 } = context;
  const id = model.id!;
  const outs = { ...outputsFromWire(inputs, model), ...known };
  if (!waitsForReady(inputs)) return outs;
  const trainedOn = trainingStatuses.includes(outs.status) ? await dataset?.() : undefined;
  const waitMs = timeout ? parseDurationMs(timeout) : defaultWaitMs;
  let outcome;
  const watcher =
    context.watcher ?? new ModelWatcher(client.finetunedModels, undefined, host.cancellation.signal);
  const watch = watcher.watch(id, model.status);
  try {
    outcome = await waitForStatus(
      model,
      {
        // A model just created may not be visible yet: until `visibleBy`, a 404 means "look again shortly".
        readAt: (dueAt, last) =>
          onceVisible(() => watch.next(dueAt, last.status), {
            visibleBy,
            firstDelayMs: host.timing.createLookupMs,
          }),
        nameOf: (item) => item.name,
        statusOf: (item) => item.status ?? Status.Unspecified,
        pendingStatuses: trainingStatuses,
      },
      {
        deadline: host.clock.now() + waitMs,
        nextDelay: trainingPollPlan({
          timing: trainingPollTiming(host.timing),
          totalSteps: totalStepsOf(inputs, trainedOn),
          readSteps: async () =>
            watch.mayReadEvaluations()
              ? ((await client.finetunedModels.listTrainingStepMetrics(id, { pageSize: 1000 }))
                  .step_metrics ?? [])
              : [],
          now: host.clock.now,
        }),
        report,
        now: host.clock.now,
      },
    );
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ResourceInitError(`waiting for model ${model.name} (${id}) failed: ${reason}`, id, outs);
  } finally {
    watch.stop();
  }
  const settled = { ...outputsFromWire(inputs, { ...outcome.item, id }), ...known };
  const named = `model ${settled.name} (${id})`;
  if (outcome.kind === "timedOut") {
    throw new ResourceInitError(
      `timed out after ${formatDuration(waitMs)} waiting for ${named} to become ${Status.Ready} (still ${settled.status}). ` +
        "The model stays in the stack and keeps training; the next `pulumi up` resumes waiting.",
      id,
      settled,
    );
  }
  switch (settled.status) {
    case Status.Ready:
      return withTrainingResult(client, inputs, id, settled);
    case Status.Failed:
      throw new ResourceInitError(
        `Cohere reports that training of ${named} ended ${Status.Failed}. The model stays in the stack; ` +
          "the next `pulumi up` replaces it with a new training (check the dataset first).",
        id,
        settled,
      );
    case Status.Deleted:
      throw new Error(
        `${named} was deleted at Cohere while Pulumi waited for it; \`pulumi refresh\` drops it from the stack.`,
      );
    default:
      throw new ResourceInitError(
        `${named} is ${settled.status} at Cohere, where no training runs, so the wait ends. ` +
          "The model stays in the stack; once Cohere resumes it, `pulumi refresh` shows its status.",
        id,
        settled,
      );
  }
}

/**
 * Reads the last evaluation of a READY model unless already read (its results never change), and checks the
 * quality gate. A gate is never judged without the metrics: a failed read keeps the model in the stack for the
 * next `pulumi up` to read them again.
 */
export async function withTrainingResult(
  client: CohereClient,
  inputs: FinetunedModelInputs,
  id: string,
  outs: FinetunedModelOutputs,
): Promise<FinetunedModelOutputs> {
  let result: TrainingResult | undefined;
  if (!outs.trainingMetrics) {
    try {
      result = await lastTrainingStep(client, id);
    } catch (error) {
      const failure = `could not read the training metrics of model ${outs.name} (${id}): ${(error as Error).message}`;
      if (hasThresholds(inputs.qualityGate))
        throw new ResourceInitError(
          `${failure}; the next \`pulumi up\` reads them to check its quality gate`,
          id,
          outs,
        );
      report(failure);
    }
  }
  const done = { ...outs, ...result };
  checkQualityGate(inputs, id, done);
  return done;
}

/** Throws when a READY model misses its declared quality gate; the model stays in state either way. */
function checkQualityGate(inputs: FinetunedModelInputs, id: string, outs: FinetunedModelOutputs): void {
  const misses = qualityGateMisses(inputs.qualityGate, outs.trainingMetrics);
  if (misses.length === 0) return;
  throw new ResourceInitError(
    `model ${outs.name} (${id}) finished training but misses its quality gate: ${misses.join("; ")}. ` +
      "It stays in the stack and `pulumi up` reports this until the training or the gate changes; " +
      "a model it replaces is only deleted once its replacement passes.",
    id,
    outs,
  );
}

function totalStepsOf(inputs: FinetunedModelInputs, dataset: WireDataset | undefined): number | undefined {
  const trainExamples = dataset?.metrics?.finetune_dataset_metrics?.train_examples;
  if (!trainExamples) return undefined;
  const { trainEpochs, trainBatchSize } = inputs.settings.hyperparameters ?? {};
  return totalTrainingSteps(trainExamples, trainEpochs, trainBatchSize);
}
