export { CohereClient } from "./client";
export { Datasets } from "./datasets";
export type { CreateDatasetRequest, ListDatasetsOptions } from "./datasets";
export * from "./errors";
export { FinetunedModels } from "./finetunedModels";
export type { OrderedPageOptions, PageOptions } from "./finetunedModels";
export { DEFAULT_BASE_URL, DEFAULT_CLIENT_NAME, HttpClient } from "./httpClient";
export type { ApiRequest, HttpClientOptions, QueryValue, RetryEvent } from "./httpClient";
export type * from "./wireTypes";
