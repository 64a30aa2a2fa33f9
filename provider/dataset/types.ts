/** Plain (resolved) shapes of a Dataset's inputs and outputs, as the provider sees them: from its fields. */
import type { ValuesOf } from "../fields/field";
import { datasetFields, datasetOutputFields } from "./fields";

export { maxDatasetNameLength } from "./fields";

export type DatasetInputs = ValuesOf<typeof datasetFields>;

/** The declared inputs (a name always there), and what Cohere reports. */
export type DatasetOutputs = Omit<DatasetInputs, "name"> & { name: string } & ValuesOf<
    typeof datasetOutputFields
  >;

/** The input keys the provider stores and compares; everything else in outputs comes from the service. */
export const datasetInputKeys = Object.keys(datasetFields) as (keyof DatasetInputs)[];
