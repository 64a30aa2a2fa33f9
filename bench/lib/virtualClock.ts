/** The emulator's clock as a poller sees it: `sleep` moves it forward over the admin API instead of waiting. */
import type { EmulatorAdmin } from "../../emulator/index";

export interface VirtualClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

/** The emulator's clock is wall time plus an offset, so tracking the offset gives the same `now` here. */
export async function emulatorClock(admin: EmulatorAdmin): Promise<VirtualClock> {
  let offsetMs = (await admin.clock()).offset_ms;
  return {
    now: () => Date.now() + offsetMs,
    sleep: async (ms) => {
      offsetMs = (await admin.advanceClock(ms)).offset_ms;
    },
  };
}
