import type { HttpClient } from "./httpClient";
import type {
  WireFinetunedModel,
  WireFinetunedModelResponse,
  WireListEventsResponse,
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

  /** Every model, following `next_page_token` until it is empty. */
  async listAll(options: Omit<OrderedPageOptions, "pageToken"> = {}): Promise<WireFinetunedModel[]> {
    const models: WireFinetunedModel[] = [];
    const seen = new Set<string>();
    let pageToken = "";
    do {
      const page = await this.list({ ...options, pageToken: pageToken || undefined });
      models.push(...page.finetuned_models);
      seen.add(pageToken);
      pageToken = page.next_page_token ?? "";
      // A server that hands out a token twice would otherwise page forever.
    } while (pageToken && !seen.has(pageToken));
    return models;
  }

  /** The most recently created model with this exact name, if any. */
  async findByName(name: string): Promise<WireFinetunedModel | undefined> {
    const matches = (await this.listAll()).filter((model) => model.name === name);
    return matches.sort((a, b) => (b.created_at ?? "").localeCompare(a.created_at ?? ""))[0];
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

  listEvents(id: string, options: OrderedPageOptions = {}): Promise<WireListEventsResponse> {
    return this.http.request({ method: "GET", path: `${modelPath(id)}/events`, query: pageQuery(options) });
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
