/** The programs the figures deploy: N FinetunedModels against the emulator, or N do-nothing resources. */
import type { ConfigMap, PulumiFn } from "@pulumi/pulumi/automation";
import { BaseType, FinetunedModel } from "../../provider";
import { testApiKey } from "../../test/support/emulatorAdmin";
import { NoopResource } from "./noopResource";

export const FINETUNED_MODEL_TYPE = "pulumi-nodejs:dynamic/cohere:FinetunedModel";

export function finetunedModelFleet(count: number, datasetId: string): PulumiFn {
  return async () => {
    for (let i = 0; i < count; i++) {
      new FinetunedModel(`model-${i}`, {
        settings: { baseModel: { baseType: BaseType.Chat }, datasetId, hyperparameters: { trainEpochs: 1 } },
      });
    }
  };
}

export function noopFleet(count: number): PulumiFn {
  return async () => {
    for (let i = 0; i < count; i++) new NoopResource(`noop-${i}`, i);
  };
}

/** Stack config that points the provider at the emulator, the way a user configures Cohere. */
export function emulatorConfig(url: string): ConfigMap {
  return {
    "cohere:apiKey": { value: testApiKey, secret: true },
    "cohere:baseUrl": { value: url },
  };
}

/** Provider-process knobs so that a training of a few hundred ms is noticed promptly and retries stay short. */
export const FAST_PROVIDER_ENV: Record<string, string> = {
  COHERE_POLL_INITIAL_MS: "50",
  COHERE_POLL_MAX_MS: "100",
  COHERE_RETRY_BASE_MS: "50",
};
