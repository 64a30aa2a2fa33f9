/**
 * `upload`: a Dataset of a generated 1 GiB chat JSONL file: the dynamic-provider process's peak RSS during its `up`
 * against the floor's (one do-nothing resource), and the upload's throughput to the emulator; alternating order.
 */
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import type { FigureContext } from "../figure";
import { withEmulator } from "../lib/benchEmulator";
import { type BenchProject, withBenchProject } from "../lib/benchProject";
import { writeChatJsonl } from "../lib/chatJsonlFile";
import { doNothingUp } from "../lib/fleetUps";
import { measuredUp, type UpMeasure } from "../lib/measuredUp";
import { requestKind } from "../lib/requestKinds";
import { round, spread, type Spread } from "../lib/statistics";

export const UPLOAD_FILE_BYTES = 1024 ** 3;

export interface UploadRepetition {
  floor: UpMeasure;
  upload: UpMeasure;
  /** The upload request, from its arrival at the emulator until it was answered. */
  uploadRequestMs: number;
}

export interface UploadData {
  fileBytes: number;
  rows: number;
  repetitions: UploadRepetition[];
  floorPeakKiB: Spread;
  uploadPeakKiB: Spread;
  /** Median upload peak minus median floor peak. */
  extraPeakKiB: number;
  throughputMiBPerS: Spread;
}

export async function measureUpload({ repetitions, log }: FigureContext): Promise<UploadData> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-bench-upload-"));
  try {
    const file = path.join(dir, "train.jsonl");
    const generated = writeChatJsonl(file, UPLOAD_FILE_BYTES);
    const runs = await withBenchProject("doNothing", {}, (floorProject) =>
      withBenchProject("dataset", {}, async (datasetProject) => {
        const runs: UploadRepetition[] = [];
        for (let repetition = 1; repetition <= repetitions; repetition++) {
          const { measure: floor } = await doNothingUp(floorProject, `upload-${repetition}`, 1);
          const upload = await uploadUp(datasetProject, `upload-${repetition}`, file);
          runs.push({ floor, ...upload });
          log(
            `upload, run ${repetition}: provider peak ${upload.upload.provider.peakKiB} KiB, floor ${floor.provider.peakKiB} KiB`,
          );
        }
        return runs;
      }),
    );
    const floorPeakKiB = spread(runs.map((run) => run.floor.provider.peakKiB));
    const uploadPeakKiB = spread(runs.map((run) => run.upload.provider.peakKiB));
    const mibPerS = (run: UploadRepetition) =>
      round(generated.bytes / 1024 ** 2 / (run.uploadRequestMs / 1000), 1);
    return {
      fileBytes: generated.bytes,
      rows: generated.rows,
      repetitions: runs,
      floorPeakKiB,
      uploadPeakKiB,
      extraPeakKiB: uploadPeakKiB.median - floorPeakKiB.median,
      throughputMiBPerS: spread(runs.map(mibPerS)),
    };
  } finally {
    await fs.promises.rm(dir, { recursive: true, force: true });
  }
}

function uploadUp(
  project: BenchProject,
  stack: string,
  file: string,
): Promise<Omit<UploadRepetition, "floor">> {
  return withEmulator({ validationMs: 0 }, async (emulator) => {
    await project.newStack(stack, {
      config: { "cohere:baseUrl": emulator.url, "bench:dataFile": file },
      secrets: { "cohere:apiKey": emulator.apiKey },
    });
    const upload = await measuredUp(project);
    const answered = (await emulator.admin.requests()).filter(
      (request) => requestKind(request) === "datasetUpload" && request.status === 200,
    );
    if (answered.length !== 1) throw new Error(`expected one answered upload, found ${answered.length}`);
    return { upload, uploadRequestMs: Math.round(answered[0].duration_ms) };
  });
}
