/** What both resource providers do alike: configuration, the Cohere client, and deletes that tolerate "gone". */
import { CohereClient } from "../cohere/client";
import { AuthenticationError, NotFoundError, PermissionDeniedError } from "../cohere/errors";
import {
  apiKeySource,
  ConfiguredConnection,
  ConfigReader,
  connectionFromConfig,
  resolveConnection,
} from "./connection";

export abstract class CohereProvider {
  protected configured: ConfiguredConnection = {};
  private cachedClient?: CohereClient;
  private credentialsChecked?: Promise<void>;

  /** Runs once per plugin process with the stack's config, secrets decrypted; nothing of it reaches state. */
  async configure(req: { config: ConfigReader }): Promise<void> {
    this.useConnection(connectionFromConfig(req.config));
  }

  /** A plugin host's Configure: the settings of one provider instance, already parsed. */
  useConnection(configured: ConfiguredConnection): void {
    this.configured = configured;
    this.cachedClient = undefined;
    this.credentialsChecked = undefined;
  }

  /**
   * Before a preview promises a change that calls Cohere, one read (per configuration, whatever the number of
   * resources) shows that Cohere takes the API key: a wrong key fails the preview a reviewer reads, not the update
   * after it. Any other failure of that read, an outage say, is left to the call that meets it.
   */
  protected checkCredentials(): Promise<void> {
    if (this.configured.skipCredentialsValidation) return Promise.resolve();
    this.credentialsChecked ??= this.client()
      .finetunedModels.list({ pageSize: 1 })
      .then(
        () => undefined,
        (error: unknown) => {
          if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
            throw new Error(
              `Cohere refuses the API key from ${apiKeySource(this.configured)}: ${error.message} ` +
                "(cohere:skipCredentialsValidation: true skips this check)",
            );
          }
        },
      );
    return this.credentialsChecked;
  }

  /** Built on first use, so a preview that needs no API call needs no credentials either. */
  protected client(env: NodeJS.ProcessEnv = process.env): CohereClient {
    this.cachedClient ??= new CohereClient({
      ...resolveConnection(this.configured, env),
      // Tests and benchmarks lower these; the defaults suit Cohere itself.
      maxRetries: Number(env.COHERE_MAX_RETRIES) || 5,
      retryBaseDelayMs: Number(env.COHERE_RETRY_BASE_MS) || 1000,
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
