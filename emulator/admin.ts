import { DEFAULT_API_KEY } from "./defaults";
import type { FaultConfig } from "./faults";
import type { LastUsedBody, SeedModelsBody } from "./http/adminRequests";
import type { ClockView } from "./http/adminResponses";
import type { RequestLogEntry } from "./requestLog";
import { chatJsonl } from "./sampleData";
import type { Status } from "./wire/enums";
import type { WireDataset, WireFinetunedModel, WireSettings } from "./wire/types";

export interface ApiResponse {
  status: number;
  body: Record<string, unknown>;
}

const MODELS = "/v1/finetuning/finetuned-models";
const VALIDATION_POLL_MS = 20;
const VALIDATION_POLLS = 200;

/**
 * A typed client of a running emulator over real HTTP: the `/_emulator` admin API, plus a few
 * calls to the public `/v1` API made as a user would, with the emulator's key.
 */
export class EmulatorAdmin {
  constructor(
    readonly url: string,
    private readonly apiKey: string = DEFAULT_API_KEY,
  ) {}

  /** Clears models, datasets, faults and the request log (not the clock). */
  async reset(): Promise<void> {
    await this.admin("POST", "/_emulator/reset");
  }

  /** Replaces the whole fault config: omitted fields take their defaults. */
  setFaults(config: Partial<FaultConfig>): Promise<FaultConfig> {
    return this.admin("PUT", "/_emulator/faults", config);
  }

  faults(): Promise<FaultConfig> {
    return this.admin("GET", "/_emulator/faults");
  }

  async requests(): Promise<RequestLogEntry[]> {
    return (await this.admin<{ requests: RequestLogEntry[] }>("GET", "/_emulator/requests")).requests;
  }

  async clearRequests(): Promise<void> {
    await this.admin("DELETE", "/_emulator/requests");
  }

  async forceStatus(modelId: string, status: Status): Promise<WireFinetunedModel> {
    const body = await this.admin<{ finetuned_model: WireFinetunedModel }>(
      "PATCH",
      `/_emulator/finetuned-models/${modelId}`,
      { status },
    );
    return body.finetuned_model;
  }

  /** Makes a model report other settings than it was created with, as drift at Cohere would. */
  async replaceSettings(modelId: string, settings: WireSettings): Promise<WireFinetunedModel> {
    const body = await this.admin<{ finetuned_model: WireFinetunedModel }>(
      "PUT",
      `/_emulator/finetuned-models/${modelId}/settings`,
      settings,
    );
    return body.finetuned_model;
  }

  /**
   * Records an inference call to a model, which it then reports as `last_used`: at an instant, or
   * `agoMs` before the emulator's now. It must lie between the model's first STATUS_READY and now.
   */
  async markUsed(modelId: string, at: Date | { agoMs: number }): Promise<WireFinetunedModel> {
    const request: LastUsedBody = at instanceof Date ? { last_used: at.toISOString() } : { ago_ms: at.agoMs };
    const body = await this.admin<{ finetuned_model: WireFinetunedModel }>(
      "PUT",
      `/_emulator/finetuned-models/${modelId}/last-used`,
      request,
    );
    return body.finetuned_model;
  }

  /** Creates `count` READY models at once, created evenly between the two ages; returns their ids, oldest first. */
  async seedModels(request: SeedModelsBody): Promise<string[]> {
    return (await this.admin<{ ids: string[] }>("POST", "/_emulator/seed-models", request)).ids;
  }

  advanceClock(ms: number): Promise<ClockView> {
    return this.admin("POST", "/_emulator/clock", { advance_ms: ms });
  }

  clock(): Promise<ClockView> {
    return this.admin("GET", "/_emulator/clock");
  }

  /** Calls the public API with the emulator's key; any status is returned, not thrown. */
  async api(method: string, path: string, body?: unknown): Promise<ApiResponse> {
    const response = await fetch(this.url + path, {
      method,
      headers: { authorization: `Bearer ${this.apiKey}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }

  /** Every model, following the pages. */
  async models(): Promise<WireFinetunedModel[]> {
    const models: WireFinetunedModel[] = [];
    let token = "";
    do {
      const query = new URLSearchParams({ page_size: "1000", page_token: token });
      const body = await this.v1<{ finetuned_models: WireFinetunedModel[]; next_page_token: string }>(
        `${MODELS}?${query}`,
      );
      models.push(...body.finetuned_models);
      token = body.next_page_token;
    } while (token !== "");
    return models;
  }

  async datasets(): Promise<WireDataset[]> {
    return (await this.v1<{ datasets: WireDataset[] }>("/v1/datasets")).datasets;
  }

  /** Uploads a small valid chat dataset and waits (in real time) until the emulator has validated it. */
  async createChatDataset(name = "chat-data", examples = 4): Promise<string> {
    const form = new FormData();
    form.append("data", new Blob([chatJsonl(examples)]), "train.jsonl");
    const query = new URLSearchParams({ name, type: "chat-finetune-input" });
    const response = await fetch(`${this.url}/v1/datasets?${query}`, {
      method: "POST",
      headers: { authorization: `Bearer ${this.apiKey}` },
      body: form,
    });
    if (!response.ok) throw new Error(`dataset upload answered ${response.status}: ${await response.text()}`);
    const { id } = (await response.json()) as { id: string };
    for (let i = 0; i < VALIDATION_POLLS; i++) {
      const { dataset } = await this.v1<{ dataset: WireDataset }>(`/v1/datasets/${id}`);
      if (dataset.validation_status === "validated") return id;
      if (dataset.validation_status === "failed") throw new Error(`dataset ${id} failed validation`);
      await new Promise((resolve) => setTimeout(resolve, VALIDATION_POLL_MS));
    }
    throw new Error(`dataset ${id} was not validated in time`);
  }

  private async v1<T>(path: string): Promise<T> {
    const { status, body } = await this.api("GET", path);
    if (status !== 200) throw new Error(`GET ${path} answered ${status}: ${JSON.stringify(body)}`);
    return body as T;
  }

  private async admin<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(this.url + path, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    }
    return (await response.json()) as T;
  }
}
