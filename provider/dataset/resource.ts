/** The Dataset resource: a local file uploaded to Cohere and validated for fine-tuning. */
import * as pulumi from "@pulumi/pulumi";
import type { ArgsOf, OutputsOf } from "../fields/resourceClass";
import { unsetOutputs } from "../fields/resourceClass";
import { DynamicResource } from "../lifecycle/dynamicResource";
import { resourceMetadata, type ResourceMetadata } from "../lifecycle/resourceMetadata";
import { datasetOutputFields } from "./fields";
import { readableFileSha256 } from "./fileHashes";
import type { DatasetInputs, DatasetOutputs } from "./types";

/** Each field's meaning and what a change of it does: dataset/fields.ts and the README's tables. */
export type DatasetArgs = ArgsOf<
  Omit<DatasetInputs, keyof ResourceMetadata | "dataFileHash" | "evalDataFileHash">
>;

// The outputs come from the field tables, so a class cannot miss or mistype one; the interface only adds types.
// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging, @typescript-eslint/no-empty-object-type
export interface Dataset extends OutputsOf<Omit<DatasetOutputs, keyof ResourceMetadata>> {}

// eslint-disable-next-line @typescript-eslint/no-unsafe-declaration-merging
export class Dataset extends DynamicResource {
  constructor(name: string, args: DatasetArgs, opts?: pulumi.CustomResourceOptions) {
    const props = {
      ...args,
      name: args.name,
      dataFileHash: hashOf(args.dataFile),
      evalDataFileHash: args.evalDataFile === undefined ? undefined : hashOf(args.evalDataFile),
      ...resourceMetadata(name, opts),
      ...unsetOutputs(datasetOutputFields),
    };
    super("Dataset", "DatasetProvider", name, props, opts);
  }
}

function hashOf(file: pulumi.Input<string | undefined>): pulumi.Output<string | undefined> {
  return pulumi.output(file).apply(readableFileSha256);
}
