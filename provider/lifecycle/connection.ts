/** Where the provider's Cohere credentials come from: stack config first, then the environment. */
import { DEFAULT_BASE_URL } from "../cohere/httpClient";
import { type ConfiguredConnection, providerSettingFields, providerSettingKeys } from "./providerSettings";

export type { ConfiguredConnection };

export interface Connection {
  apiKey: string;
  baseUrl: string;
  clientName?: string;
}

export interface ConfigReader {
  get(key: string): string | undefined;
}

/** The dynamic host's stack config: `cohere:*` keys, string values. */
export function connectionFromConfig(config: ConfigReader): ConfiguredConnection {
  return connectionFromSettings((key) => config.get(`cohere:${key}`));
}

/**
 * Settings by bare key (`apiKey`, `baseUrl`, ...), as a plugin's Configure receives them: strings from stack
 * config, typed values from an explicit provider's inputs. An empty value counts as not set.
 */
export function connectionFromSettings(setting: (key: string) => unknown): ConfiguredConnection {
  const parsers = { string: parseText, boolean: parseBoolean, integer: parseTokenBudget };
  return Object.fromEntries(
    providerSettingKeys.map((key) => [key, parsers[providerSettingFields[key].type](key, setting(key))]),
  ) as ConfiguredConnection;
}

function parseText(key: string, value: unknown): string | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value !== "string") throw new Error(`cohere:${key} must be a string, got ${typeof value}`);
  return value;
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

function parseBoolean(key: string, value: unknown): boolean | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "false") return value === "true";
  throw new Error(`cohere:${key} must be true or false, got "${String(value)}"`);
}

/** Where the key a connection uses comes from, as the setting a user would fix. */
export function apiKeySource(configured: ConfiguredConnection): string {
  return configured.apiKey !== undefined
    ? "the stack config cohere:apiKey (or an explicit cohere provider's apiKey)"
    : "the CO_API_KEY environment variable";
}

/** A positive whole number of tokens; stack config and SDKs send it as text. */
function parseTokenBudget(key: string, value: unknown): number | undefined {
  if (value === undefined || value === null || value === "") return undefined;
  const tokens = typeof value === "string" && /^\d+$/.test(value.trim()) ? Number(value) : value;
  if (typeof tokens !== "number" || !Number.isInteger(tokens) || tokens < 1)
    throw new Error(`cohere:${key} must be a positive whole number of tokens, got "${String(value)}"`);
  return tokens;
}
