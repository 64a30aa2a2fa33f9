/** The `upload` figure's rows; the target from issue 13. */
import { checked, type FigureReport } from "../figure";
import type { UploadData } from "../figures/upload";
import type { Spread } from "../lib/statistics";
import { bytes, mib } from "../lib/units";

const EXTRA_PEAK_KIB = 64 * 1024;

export function uploadReport(data: UploadData): FigureReport {
  const { median, min, max } = data.throughputMiBPerS;
  return {
    title: `upload: a Dataset of a generated chat JSONL file of ${bytes(data.fileBytes)} (${data.rows.toLocaleString("en-US")} rows)`,
    rows: [
      {
        measure: "provider peak RSS, one do-nothing resource, median (min–max)",
        value: spreadOfMib(data.floorPeakKiB),
      },
      {
        measure: "provider peak RSS, the Dataset's upload, median (min–max)",
        value: spreadOfMib(data.uploadPeakKiB),
      },
      checked(
        "upload's peak over the floor's (medians)",
        mib(data.extraPeakKiB),
        `≤ ${mib(EXTRA_PEAK_KIB)}`,
        data.extraPeakKiB <= EXTRA_PEAK_KIB,
      ),
      { measure: "throughput to the emulator, median (min–max)", value: `${median} MiB/s (${min}–${max})` },
    ],
  };
}

function spreadOfMib({ median, min, max }: Spread): string {
  return `${mib(median)} (${mib(min)}–${mib(max)})`;
}
