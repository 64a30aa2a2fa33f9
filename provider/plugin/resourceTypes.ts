/** The plugin's resource types: each token served by the same resource provider the dynamic resources use. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { CohereProvider } from "../lifecycle/cohereProvider";
import type { ChangeDecision } from "../lifecycle/changeDecision";
import { DatasetProvider } from "../dataset/provider";
import { withFileHashes } from "../dataset/fileHashes";
import { FinetunedModelProvider } from "../finetunedModel/provider";

export type ResourceProvider = CohereProvider &
  Required<Pick<dynamic.ResourceProvider, "check" | "create" | "read" | "update" | "delete">> & {
    diff(
      id: string,
      olds: unknown,
      news: unknown,
    ): Promise<dynamic.DiffResult & Pick<ChangeDecision, "changedPaths">>;
  };

export interface ResourceType {
  newProvider(): ResourceProvider;
  /** Input paths that are secret whatever the program did: the schema's `secret: true` inputs. */
  secretInputs: readonly string[];
  /** What the dynamic resource class works out in the program, done before Check instead. */
  prepare(inputs: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export const resourceTypes: Record<string, ResourceType> = {
  "cohere:index:FinetunedModel": {
    newProvider: () => new FinetunedModelProvider() as ResourceProvider,
    secretInputs: ["settings.wandb.apiKey"],
    prepare: async (inputs) => inputs,
  },
  "cohere:index:Dataset": {
    newProvider: () => new DatasetProvider() as ResourceProvider,
    secretInputs: [],
    prepare: withFileHashes,
  },
};

/**
 * Inputs the dynamic resources carry for their provider, and the engine gives a plugin instead (the URN, the
 * operation's timeout): never stored by the plugin, and dropped from a dynamic resource's state moved over.
 */
export const engineSuppliedKeys = ["__provider", "timeouts", "resourceName", "autoNameScope"];
