/**
 * Training budgets a reviewer sets once: the most tokens one training may process (`maxTrainingTokens` on the
 * model, else `cohere:maxTrainingTokens`), and the most all the trainings of one `pulumi up` may process together
 * (`cohere:maxTrainingTokensPerUpdate`). A training over either is refused before its create is sent.
 */
import type { ConfiguredConnection } from "../lifecycle/connection";
import { countOf, grouped } from "../lifecycle/counts";
import type { TrainingTokens } from "./trainingCost";
import type { FinetunedModelInputs } from "./types";

/** The trainings one provider process (one Pulumi operation) was asked to start, each counted once. */
export class UpdateBudget {
  private readonly planned = new Map<string, number>();

  constructor(private readonly configured: () => ConfiguredConnection) {}

  /**
   * Why this training may not start, or undefined when it may. A training whose size cannot be known yet passes
   * here only when it is a preview's (`sizeMayBeUnknown`): it is checked again before its create is sent.
   */
  refusal(
    resource: string,
    inputs: FinetunedModelInputs,
    tokens: TrainingTokens | undefined,
    sizeMayBeUnknown: boolean,
  ): string | undefined {
    const { maxTrainingTokens, maxTrainingTokensPerUpdate } = this.configured();
    const perTraining = inputs.maxTrainingTokens ?? maxTrainingTokens;
    if (perTraining === undefined && maxTrainingTokensPerUpdate === undefined) return undefined;
    if (!tokens) {
      return sizeMayBeUnknown
        ? undefined
        : `${resource}: the training's size is unknown (its dataset reports no trainable tokens), so its ` +
            "training budget cannot be checked; nothing was sent to Cohere";
    }
    const setting = inputs.maxTrainingTokens !== undefined ? "maxTrainingTokens" : "cohere:maxTrainingTokens";
    if (perTraining !== undefined && tokens.total > perTraining) {
      return (
        `${resource}: this training would process ${describe(tokens)}, over its budget of ` +
        `${grouped(perTraining)} tokens (${setting}). Raise ${setting}, or train on less data or fewer epochs; ` +
        "nothing was sent to Cohere"
      );
    }
    this.planned.set(resource, tokens.total);
    const total = [...this.planned.values()].reduce((sum, each) => sum + each, 0);
    if (maxTrainingTokensPerUpdate !== undefined && total > maxTrainingTokensPerUpdate) {
      this.planned.delete(resource);
      const trainings = [...this.planned, [resource, tokens.total] as const]
        .map(([name, each]) => `${name} ${grouped(each)}`)
        .join(", ");
      return (
        `the trainings this update starts would process ${grouped(total)} tokens in all (${trainings}), over ` +
        `cohere:maxTrainingTokensPerUpdate ${grouped(maxTrainingTokensPerUpdate)}: raise it, or start fewer ` +
        `trainings in one update; nothing was sent to Cohere for ${resource}`
      );
    }
    return undefined;
  }
}

function describe(tokens: TrainingTokens): string {
  return (
    `${grouped(tokens.total)} tokens (${grouped(tokens.trainable)} trainable tokens × ` +
    `${countOf(tokens.epochs, "epoch")})`
  );
}
