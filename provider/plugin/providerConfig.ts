/**
 * The settings of a `cohere` provider: stack config `cohere:*` for the default provider, the inputs of an explicit
 * `pulumi:providers:cohere`. SDKs send non-string provider inputs as JSON text, stack config sends strings.
 */
import type { CheckFailure } from "../lifecycle/rules";
import { unknownValue } from "../lifecycle/rules";
import { ConfiguredConnection, connectionFromSettings } from "../lifecycle/connection";
import { providerSettingKeys } from "../lifecycle/providerSettings";
/** Inputs the engine itself gives every provider. */
const engineKeys = ["version", "pluginDownloadURL"];

/** An unknown value (an output not known at preview) is never used, least of all as the API key. */
export function configuredConnection(settings: Record<string, unknown>): ConfiguredConnection {
  return connectionFromSettings((key) => (settings[key] === unknownValue ? undefined : settings[key]));
}

export function checkProviderSettings(settings: Record<string, unknown>): CheckFailure[] {
  const failures: CheckFailure[] = [];
  const known: readonly string[] = [...providerSettingKeys, ...engineKeys];
  for (const key of Object.keys(settings).filter((key) => !known.includes(key) && !key.startsWith("__"))) {
    failures.push({
      property: key,
      reason: `cohere:${key} is not a setting of the cohere provider (expected one of: ${providerSettingKeys.join(", ")})`,
    });
  }
  let connection: ConfiguredConnection;
  try {
    connection = configuredConnection(settings);
  } catch (error) {
    const property = /^cohere:(\w+)/.exec((error as Error).message)?.[1] ?? "";
    return [...failures, { property, reason: (error as Error).message }];
  }
  if (connection.baseUrl !== undefined && !/^https?:\/\/[^/\s]+/.test(connection.baseUrl)) {
    failures.push({
      property: "baseUrl",
      reason: `cohere:baseUrl must be an http(s) URL such as https://api.cohere.com, got "${connection.baseUrl}"`,
    });
  }
  return failures;
}
