/** Each figure's rows, made from its data alone, so the results file is enough to print or publish them. */
import type { FigureName } from "../args";
import type { FigureReport } from "../figure";
import { callsReport } from "./calls";
import { faultsReport } from "./faults";
import { fleetPollingReport } from "./fleetPolling";
import { memoryReport } from "./memory";
import { parallelReport } from "./parallel";
import { pluginReport } from "./plugin";
import { pollingReport } from "./polling";
import { uploadReport } from "./upload";
import { upReport } from "./up";

export const REPORTS: Record<FigureName, (data: never) => FigureReport> = {
  up: upReport,
  calls: callsReport,
  polling: pollingReport,
  fleetPolling: fleetPollingReport,
  parallel: parallelReport,
  memory: memoryReport,
  upload: uploadReport,
  faults: faultsReport,
  plugin: pluginReport,
};
