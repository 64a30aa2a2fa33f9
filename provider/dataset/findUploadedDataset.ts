/** Finds a dataset that an upload already made: same name and type, not failed, and new enough. */
import type { CohereClient } from "../cohere/client";
import type { CreateDatasetRequest } from "../cohere/datasets";
import { ValidationStatus } from "../cohere/enums";
import { report } from "../lifecycle/report";

/** Tolerates a service clock somewhat behind ours. */
const clockSkewMs = 5 * 60_000;

export async function findUploadedDataset(
  client: CohereClient,
  request: CreateDatasetRequest,
  uploadedSince?: number,
): Promise<{ id: string } | undefined> {
  const datasets = await client.datasets.list({ datasetType: request.type });
  const found = datasets.find(
    (dataset) =>
      dataset.name === request.name &&
      dataset.validation_status !== ValidationStatus.Failed &&
      (uploadedSince === undefined || Date.parse(dataset.created_at ?? "") >= uploadedSince - clockSkewMs),
  );
  if (found) report(`found dataset ${found.name} (${found.id}) already uploaded; taking it over`);
  return found && { id: found.id };
}
