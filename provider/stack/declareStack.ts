/** Declares the datasets and models of a stack's config as resources and returns the stack's outputs. */
import * as path from "node:path";
import * as pulumi from "@pulumi/pulumi";
import { Dataset, DatasetArgs } from "../dataset/resource";
import { FinetunedModel, FinetunedModelArgs } from "../finetunedModel/resource";
import { resourceOptions } from "./entryOptions";
import { parseStackSpec, toDatasetInputs, toModelInputs } from "./stackSpec";

export interface DeclaredModel {
  id: pulumi.Output<string>;
  name: pulumi.Output<string>;
  status: pulumi.Output<string>;
  inferenceModelName: pulumi.Output<string>;
  trainingMetrics: pulumi.Output<Record<string, number> | undefined>;
}

export interface DeclareStackOptions {
  /** The config namespace holding `datasets` and `models`; defaults to the project name. */
  namespace?: string;
  /** What relative `dataFile` paths are relative to; defaults to the working directory (`pulumi` runs in the project's). */
  baseDir?: string;
}

export function declareStackFromConfig(options: DeclareStackOptions = {}) {
  const namespace = options.namespace ?? pulumi.getProject();
  const baseDir = options.baseDir ?? process.cwd();
  const inBaseDir = (file: string) => path.resolve(baseDir, file);
  const config = new pulumi.Config(namespace);
  const spec = parseStackSpec(namespace, config.getObject("datasets"), config.getObject("models"), inBaseDir);

  const datasets = Object.fromEntries(
    Object.entries(spec.datasets).map(([key, entry]) => [
      key,
      new Dataset(key, toDatasetInputs(entry, inBaseDir) as DatasetArgs, resourceOptions(entry)),
    ]),
  );
  const usesWandb = Object.values(spec.models).some((entry) => entry.wandb);
  const wandbApiKey = usesWandb ? config.requireSecret("wandbApiKey") : undefined;

  const models: Record<string, DeclaredModel> = {};
  for (const [key, entry] of Object.entries(spec.models)) {
    const datasetId = entry.dataset ? datasets[entry.dataset].id : pulumi.output(entry.datasetId!);
    const model = new FinetunedModel(
      key,
      toModelInputs(entry, datasetId, wandbApiKey) as unknown as FinetunedModelArgs,
      resourceOptions(entry),
    );
    models[key] = {
      id: model.id,
      name: model.name,
      status: model.status,
      inferenceModelName: model.inferenceModelName,
      trainingMetrics: model.trainingMetrics,
    };
  }
  return {
    models,
    datasets: Object.fromEntries(Object.entries(datasets).map(([key, dataset]) => [key, dataset.id])),
  };
}
