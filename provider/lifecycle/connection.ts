/** Where the provider's Cohere credentials come from: stack config first, then the environment. */
import { DEFAULT_BASE_URL } from "../cohere/httpClient";

export interface ConfiguredConnection {
  apiKey?: string;
  baseUrl?: string;
  clientName?: string;
  /** `cohere:allowRetrain`: false makes every change that would start a new training fail, unless a resource allows it. */
  allowRetrain?: boolean;
}

export interface Connection {
  apiKey: string;
  baseUrl: string;
  clientName?: string;
}

export interface ConfigReader {
  get(key: string): string | undefined;
}

export function connectionFromConfig(config: ConfigReader): ConfiguredConnection {
  return {
    apiKey: config.get("cohere:apiKey") || undefined,
    baseUrl: config.get("cohere:baseUrl") || undefined,
    clientName: config.get("cohere:clientName") || undefined,
    allowRetrain: parseBoolean(config.get("cohere:allowRetrain")),
  };
}

/** Read at call time inside the provider process, so no credential is ever captured into serialized code. */
export function resolveConnection(
  configured: ConfiguredConnection,
  env: NodeJS.ProcessEnv = process.env,
): Connection {
  const apiKey = configured.apiKey ?? env.CO_API_KEY;
  if (!apiKey) {
    throw new Error(
      "No Cohere API key: set it with `pulumi config set --secret cohere:apiKey <key>` or the CO_API_KEY environment variable.",
    );
  }
  const baseUrl = configured.baseUrl ?? env.CO_API_URL ?? DEFAULT_BASE_URL;
  return { apiKey, baseUrl, clientName: configured.clientName };
}

function parseBoolean(value: string | undefined): boolean | undefined {
  if (value === undefined || value === "") return undefined;
  if (value === "true" || value === "false") return value === "true";
  throw new Error(`cohere:allowRetrain must be true or false, got "${value}"`);
}
