import type { HttpClient } from "./httpClient";
import type {
  WireFinetunedModel,
  WireFinetunedModelResponse,
  WireListFinetunedModelsResponse,
  WireListTrainingStepMetricsResponse,
  WireSettings,
} from "./wire";

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
    const seen = new Set<string>();
    let pageToken = "";
    for (;;) {
      const page = await this.list({
        pageSize: largestPage,
        orderBy: "created_at desc",
        pageToken: pageToken || undefined,
      });
      const recent = page.finetuned_models.filter(
        (model) => Date.parse(model.created_at ?? "") >= since.getTime(),
      );
      models.push(...recent);
      seen.add(pageToken);
      pageToken = page.next_page_token ?? "";
      // A server that hands out a token twice would otherwise page forever.
      if (!pageToken || seen.has(pageToken) || recent.length < page.finetuned_models.length) return models;
    }
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
}

function modelPath(id: string): string {
  return `${BASE}/${encodeURIComponent(id)}`;
}

function pageQuery({ pageSize, pageToken, orderBy }: OrderedPageOptions) {
  return { page_size: pageSize, page_token: pageToken, order_by: orderBy };
}
