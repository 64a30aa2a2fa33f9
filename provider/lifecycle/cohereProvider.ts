/** What both resource providers do alike: configuration, the Cohere client, and deletes that tolerate "gone". */
import { CohereClient } from "../cohere/client";
import { NotFoundError } from "../cohere/errors";
import {
  apiKeySource,
  ConfiguredConnection,
  ConfigReader,
  connectionFromConfig,
  resolveConnection,
} from "./connection";
import { CredentialsCheck } from "./credentialsCheck";
import type { HostContext } from "./hostContext";

export abstract class CohereProvider {
  protected configured: ConfiguredConnection = {};
  private cachedClient?: CohereClient;
  private credentials = new CredentialsCheck();

  /** `context`: the host's, shared by every provider it runs. */
  constructor(protected readonly context: HostContext) {}

  /** Runs once per plugin process with the stack's config, secrets decrypted; nothing of it reaches state. */
  async configure(req: { config: ConfigReader }): Promise<void> {
    this.useConnection(connectionFromConfig(req.config));
  }

  /**
   * A plugin host's Configure: the settings of one provider instance, already parsed, and its key check, shared by
   * the instance's resource types.
   */
  useConnection(configured: ConfiguredConnection, credentials = new CredentialsCheck()): void {
    this.configured = configured;
    this.cachedClient = undefined;
    this.credentials = credentials;
  }

  /** Before a preview promises a change that calls Cohere: see credentialsCheck.ts. */
  protected checkCredentials(): Promise<void> {
    if (this.configured.skipCredentialsValidation) return Promise.resolve();
    return this.credentials.run(
      () => this.client().finetunedModels.list({ pageSize: 1 }),
      apiKeySource(this.configured),
    );
  }

  /** Built on first use, so a preview that needs no API call needs no credentials either. */
  protected client(env: NodeJS.ProcessEnv = process.env): CohereClient {
    this.cachedClient ??= new CohereClient({
      ...resolveConnection(this.configured, env),
      maxRetries: this.context.timing.maxRetries,
      retryBaseDelayMs: this.context.timing.retryBaseMs,
    });
    return this.cachedClient;
  }

  /** An object that is already gone is as deleted as one this call removes. */
  protected async deleteIgnoringMissing(remove: () => Promise<void>): Promise<void> {
    try {
      await remove();
    } catch (error) {
      if (!(error instanceof NotFoundError)) throw error;
    }
  }
}
