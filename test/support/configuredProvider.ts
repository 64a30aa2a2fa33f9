/** A provider configured as Pulumi's plugin host would configure it from stack config. */
import { testApiKey } from "./emulator";

interface Configurable {
  configure(req: { config: { get(key: string): string | undefined } }): Promise<void>;
}

export function configured<T extends Configurable>(provider: T, baseUrl: string, apiKey = testApiKey): T {
  const config: Record<string, string> = { "cohere:apiKey": apiKey, "cohere:baseUrl": baseUrl };
  void provider.configure({ config: { get: (key: string) => config[key] } });
  return provider;
}
