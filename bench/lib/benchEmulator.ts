/** The Cohere emulator in the bench's own process, on a free port, and the stack config that points a project at it. */
import { EmulatorAdmin, startEmulator, type EmulatorOptions } from "../../emulator/index";
import type { StackConfig } from "./benchProject";

const API_KEY = "bench-api-key";

export interface BenchEmulator {
  url: string;
  apiKey: string;
  admin: EmulatorAdmin;
}

export async function withEmulator<T>(
  options: Omit<EmulatorOptions, "apiKey" | "port">,
  body: (emulator: BenchEmulator) => Promise<T>,
): Promise<T> {
  const handle = await startEmulator({ ...options, apiKey: API_KEY });
  try {
    return await body({ url: handle.url, apiKey: API_KEY, admin: new EmulatorAdmin(handle.url, API_KEY) });
  } finally {
    await handle.close();
  }
}

/** bench/programs/finetunedModels.ts declaring `count` models on one dataset of this emulator. */
export function modelsStackConfig(
  emulator: BenchEmulator,
  datasetId: string,
  count: number,
  extra: Record<string, string> = {},
): StackConfig {
  return {
    config: {
      "cohere:baseUrl": emulator.url,
      "bench:datasetId": datasetId,
      "bench:count": String(count),
      ...extra,
    },
    secrets: { "cohere:apiKey": emulator.apiKey },
  };
}
