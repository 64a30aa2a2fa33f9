/** The Dataset resource: a local file uploaded to Cohere and validated for fine-tuning. */
import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf } from "../fields/resourceClass";
import { dynamicResourceClass } from "../lifecycle/dynamicResource";
import { datasetOutputFields } from "./fields";
import { readableFileSha256 } from "./fileHashes";
import type { DatasetInputs, DatasetOutputs } from "./types";

/** Each field's meaning and what a change of it does: dataset/fields.ts and the README's tables. */
export type DatasetArgs = ArgsOf<Omit<DatasetInputs, "dataFileHash" | "evalDataFileHash">>;

/** The files' hashes are taken where the program runs, so new content shows in a preview. */
export const Dataset = dynamicResourceClass<DatasetArgs, DatasetOutputs>(
  "Dataset",
  "DatasetProvider",
  datasetOutputFields,
  (args) => ({
    ...args,
    name: args.name,
    dataFileHash: hashOf(args.dataFile),
    evalDataFileHash: args.evalDataFile === undefined ? undefined : hashOf(args.evalDataFile),
  }),
);
export type Dataset = InstanceType<typeof Dataset>;

function hashOf(file: pulumi.Input<string | undefined>): pulumi.Output<string | undefined> {
  return pulumi.output(file).apply(readableFileSha256);
}
