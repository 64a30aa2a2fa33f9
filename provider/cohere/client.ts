import { Datasets } from "./datasets";
import { FinetunedModels } from "./finetunedModels";
import { HttpClient, HttpClientOptions } from "./httpClient";

/** Cohere's fine-tuning and datasets API. */
export class CohereClient {
  readonly finetunedModels: FinetunedModels;
  readonly datasets: Datasets;

  constructor(options: HttpClientOptions) {
    const http = new HttpClient(options);
    this.finetunedModels = new FinetunedModels(http);
    this.datasets = new Datasets(http);
  }
}
