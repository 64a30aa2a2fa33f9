import type { HttpClient } from "./httpClient";
import { tokenPages } from "./pages";
import type {
  WireFinetunedModel,
  WireFinetunedModelResponse,
  WireListFinetunedModelsResponse,
  WireListTrainingStepMetricsResponse,
  WireSettings,
} from "./wireTypes";

export interface PageOptions {
  /** 0 or omitted means the server default (50). */
  pageSize?: number;
  pageToken?: string;
}

export interface OrderedPageOptions extends PageOptions {
  /** `created_at`, or `created_at desc`. */
  orderBy?: string;
}

const BASE = "/v1/finetuning/finetuned-models";
/**
 * Cohere documents no maximum page size; its API follows Google's AIP-158, where a larger page size is coerced
 * down to the maximum, not refused.
 */
const largestPage = 1000;

/** `/v1/finetuning/finetuned-models`: one method per endpoint, returning the unwrapped wire object. */
export class FinetunedModels {
  constructor(private readonly http: HttpClient) {}

  /** Starts a training. Not retried after a failure that may have created the model (see `CohereApiError.ambiguous`). */
  async create(model: WireFinetunedModel): Promise<WireFinetunedModel> {
    const res = await this.http.request<WireFinetunedModelResponse>({
      method: "POST",
      path: BASE,
      body: model,
    });
    return res.finetuned_model;
  }

  async get(id: string): Promise<WireFinetunedModel> {
    const res = await this.http.request<WireFinetunedModelResponse>({ method: "GET", path: modelPath(id) });
    return res.finetuned_model;
  }

  list(options: OrderedPageOptions = {}): Promise<WireListFinetunedModelsResponse> {
    return this.http.request({ method: "GET", path: BASE, query: pageQuery(options) });
  }

  /** Every page of `list`, from the first. */
  listPages(
    options: Omit<OrderedPageOptions, "pageToken"> = {},
  ): AsyncGenerator<WireListFinetunedModelsResponse> {
    return tokenPages((pageToken) => this.list({ ...options, pageToken }));
  }

  /** One page of the account's newest models: what one call can tell about many models at once. */
  async listNewest(): Promise<WireFinetunedModel[]> {
    return (await this.list({ pageSize: largestPage, orderBy: "created_at desc" })).finetuned_models;
  }

  /**
   * The models created since `since`, newest first, following pages only as far back as that: the cost of the
   * lookup depends on how many models are that recent, not on how many the account holds.
   */
  async listCreatedSince(since: Date): Promise<WireFinetunedModel[]> {
    const models: WireFinetunedModel[] = [];
    for await (const page of this.listPages({ pageSize: largestPage, orderBy: "created_at desc" })) {
      const recent = page.finetuned_models.filter(
        (model) => Date.parse(model.created_at ?? "") >= since.getTime(),
      );
      models.push(...recent);
      if (recent.length < page.finetuned_models.length) break;
    }
    return models;
  }

  async update(id: string, changes: { name: string; settings: WireSettings }): Promise<WireFinetunedModel> {
    const res = await this.http.request<WireFinetunedModelResponse>({
      method: "PATCH",
      path: modelPath(id),
      body: changes,
    });
    return res.finetuned_model;
  }

  async delete(id: string): Promise<void> {
    await this.http.request({ method: "DELETE", path: modelPath(id) });
  }

  listTrainingStepMetrics(
    id: string,
    options: PageOptions = {},
  ): Promise<WireListTrainingStepMetricsResponse> {
    return this.http.request({
      method: "GET",
      path: `${modelPath(id)}/training-step-metrics`,
      query: pageQuery(options),
    });
  }

  /** Every page of `listTrainingStepMetrics`, from the first. */
  listTrainingStepMetricsPages(
    id: string,
    options: Omit<PageOptions, "pageToken"> = {},
  ): AsyncGenerator<WireListTrainingStepMetricsResponse> {
    return tokenPages((pageToken) => this.listTrainingStepMetrics(id, { ...options, pageToken }));
  }
}

function modelPath(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}`;
}

function pageQuery({ pageSize, pageToken, orderBy }: OrderedPageOptions) {
  return { page_size: pageSize, page_token: pageToken, order_by: orderBy };
}
