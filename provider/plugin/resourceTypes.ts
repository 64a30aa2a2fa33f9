/** The plugin's resource types: each token served by the same resource provider the dynamic resources use. */
import type { ResourceProvider } from "../lifecycle/resourceProvider";
import { DatasetProvider } from "../dataset/provider";
import { withFileHashes } from "../dataset/fileHashes";
import { FinetunedModelProvider } from "../finetunedModel/provider";
import type { HostContext } from "../lifecycle/hostContext";
import { secretPaths } from "../fields/field";
import { datasetFields } from "../dataset/fields";
import { finetunedModelFields } from "../finetunedModel/fields";

export type { ResourceProvider };

export interface ResourceType {
  newProvider(context: HostContext): ResourceProvider;
  /** Input paths that are secret whatever the program did: the schema's `secret: true` inputs. */
  secretInputs: readonly string[];
  /** What the dynamic resource class works out in the program, done before Check instead. */
  prepare(inputs: Record<string, unknown>): Promise<Record<string, unknown>>;
}

export const resourceTypes: Record<string, ResourceType> = {
  "cohere:index:FinetunedModel": {
    newProvider: (context) => new FinetunedModelProvider(context),
    secretInputs: secretPaths(finetunedModelFields),
    prepare: async (inputs) => inputs,
  },
  "cohere:index:Dataset": {
    newProvider: (context) => new DatasetProvider(context),
    secretInputs: secretPaths(datasetFields),
    prepare: withFileHashes,
  },
};
