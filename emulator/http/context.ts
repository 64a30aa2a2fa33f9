import type { Backend } from "../backend/backend";
import type { FaultInjector } from "../faults";
import type { Logger } from "../logger";
import type { RequestLog } from "../requestLog";

/** What the HTTP layer needs from the rest of the emulator. */
export interface EmulatorContext {
  backend: Backend;
  faults: FaultInjector;
  requestLog: RequestLog;
  logger: Logger;
  apiKey: string;
  /** Saves state when a state file is configured; called after every request that may change it. */
  persist(): void;
}
