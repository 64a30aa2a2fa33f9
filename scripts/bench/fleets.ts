/** The programs the figures deploy: N FinetunedModels against the emulator, or N do-nothing resources. */
import type { PulumiFn } from "@pulumi/pulumi/automation";
import { BaseType } from "../../provider";
import { emulatorConfig } from "../../test/support/emulator";
import type { BenchStackOptions } from "./benchStack";
import type { EmulatorSession } from "./emulatorSession";
import { type ProviderLayout, SOURCE_CHECKOUT } from "./layouts";
import { NoopResource } from "./noopResource";

export const FINETUNED_MODEL_TYPE = "pulumi-nodejs:dynamic/cohere:FinetunedModel";

export function finetunedModelFleet(
  count: number,
  datasetId: string,
  FinetunedModel: ProviderLayout["FinetunedModel"] = SOURCE_CHECKOUT.FinetunedModel,
): PulumiFn {
  return async () => {
    for (let i = 0; i < count; i++) {
      new FinetunedModel(`model-${i}`, {
        settings: { baseModel: { baseType: BaseType.Chat }, datasetId, hyperparameters: { trainEpochs: 1 } },
      });
    }
  };
}

/**
 * A stack of N FinetunedModels against an emulator, with the class and the main directory of one layout: the
 * plugin process must start where that layout's package resolves.
 */
export function finetunedModelStack(
  projectName: string,
  count: number,
  { url, datasetId }: Pick<EmulatorSession, "url" | "datasetId">,
  layout: ProviderLayout = SOURCE_CHECKOUT,
): BenchStackOptions {
  return {
    projectName,
    program: finetunedModelFleet(count, datasetId, layout.FinetunedModel),
    config: emulatorConfig(url),
    env: FAST_PROVIDER_ENV,
    mainDir: layout.mainDir,
  };
}

export function noopFleet(count: number): PulumiFn {
  return async () => {
    for (let i = 0; i < count; i++) new NoopResource(`noop-${i}`, i);
  };
}

/** Provider-process knobs so that a training of a few hundred ms is noticed promptly and retries stay short. */
export const FAST_PROVIDER_ENV: Record<string, string> = {
  COHERE_POLL_INITIAL_MS: "50",
  COHERE_POLL_MAX_MS: "100",
  COHERE_RETRY_BASE_MS: "50",
};
