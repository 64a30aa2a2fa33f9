/** An in-process emulator with a validated chat dataset, for one figure. */
import type { EmulatorAdmin } from "../../emulator/index";
import { startTestEmulator } from "../../test/support/emulator";

export interface EmulatorSession {
  url: string;
  admin: EmulatorAdmin;
  datasetId: string;
}

export async function withEmulator<T>(
  options: { trainingMs: number },
  body: (session: EmulatorSession) => Promise<T>,
): Promise<T> {
  const emulator = await startTestEmulator({ trainingMs: options.trainingMs, validationMs: 0 });
  try {
    const datasetId = await emulator.admin.createChatDataset("bench-chat");
    return await body({ url: emulator.url, admin: emulator.admin, datasetId });
  } finally {
    await emulator.close();
  }
}
