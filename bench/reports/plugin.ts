/**
 * The `plugin` figure's rows; targets from issue 25: the executable serves within 0.1 s of its start, and the `up`
 * of 500 models whose trainings take no time stays within 1.5× the native floor's.
 */
import { checked, type FigureReport, type Row } from "../figure";
import {
  MODELS_VARIANTS,
  type ModelsVariant,
  type PluginData,
  type PluginUpAtSize,
  PLUGIN_STARTS,
} from "../figures/plugin";
import { median, type Spread } from "../lib/statistics";
import { bytes, mib, seconds, times } from "../lib/units";

const START_MS = 100;
const RATIO_AT_LARGEST_INSTANT = 1.5;

export function pluginReport(data: PluginData): FigureReport {
  const largest = data.sizes[data.sizes.length - 1];
  const training = (variant: ModelsVariant) => `trainings of ${data.trainingMs[variant]} ms`;
  const sizeRows = (size: PluginUpAtSize): Row[] => [
    {
      measure: `${size.resources} native do-nothing resources, median (min–max)`,
      value: spreadOfSeconds(size.ms.floor),
    },
    ...MODELS_VARIANTS.flatMap((variant): Row[] => {
      const ratio = size.ratio[variant];
      const ratioRow =
        size === largest && variant === "instantModels"
          ? checked(
              `ratio of medians at ${size.resources}, ${training(variant)}`,
              times(ratio),
              `≤ ${RATIO_AT_LARGEST_INSTANT}×`,
              ratio <= RATIO_AT_LARGEST_INSTANT,
            )
          : { measure: `ratio of medians at ${size.resources}, ${training(variant)}`, value: times(ratio) };
      const d = size.difference[variant];
      return [
        {
          measure: `${size.resources} FinetunedModels through the executable, ${training(variant)}, median (min–max)`,
          value: spreadOfSeconds(size.ms[variant]),
        },
        ratioRow,
        {
          measure:
            `difference at ${size.resources}, ${training(variant)}: wall; CPU of engine (pulumi, YAML host), ` +
            "plugin, emulator",
          value: `${seconds(d.wallMs)}; ${seconds(d.engineCpuMs)}, ${seconds(d.pluginCpuMs)}, ${seconds(d.emulatorCpuMs)}`,
        },
      ];
    }),
    {
      measure: `plugin process at ${size.resources}, trainings of 0 ms: CPU; peak RSS (native floor's)`,
      value:
        `${seconds(medianOf(size, "instantModels", "cpu"))}; ${mib(medianOf(size, "instantModels", "peak"))} ` +
        `(${seconds(medianOf(size, "floor", "cpu"))}; ${mib(medianOf(size, "floor", "peak"))})`,
    },
  ];
  return {
    title:
      `plugin: the standalone executable (${data.platform}, Node.js ${data.nodeVersion}) against the plugin ` +
      "directory, and pulumi up of FinetunedModels through it from Pulumi YAML over as many native do-nothing resources",
    rows: [
      {
        measure: "executable; its .tar.gz",
        value: `${mib(data.executableBytes / 1024)}; ${mib(data.archiveBytes / 1024)}`,
      },
      {
        measure: "files in the install: the executable's archive; the plugin directory (its size)",
        value: `${data.archiveFiles}; ${data.pluginDirFiles.toLocaleString("en-US")} (${mib(data.pluginDirBytes / 1024)})`,
      },
      checked(
        `executable, spawn to its port on stdout, median of ${PLUGIN_STARTS} (min–max)`,
        spreadOfMs(data.startMs.executable),
        `≤ ${START_MS} ms`,
        data.startMs.executable.median <= START_MS,
      ),
      {
        measure: "executable, spawn to its first answer (GetSchema), median (min–max)",
        value: spreadOfMs(data.startMs.executableSchema),
      },
      {
        measure:
          "plugin directory through the Node.js language host (its start, RunPlugin), median (min–max)",
        value: spreadOfMs(data.startMs.languageHost),
      },
      {
        measure: "plugin directory as `node <dir>/index.js`, median (min–max)",
        value: spreadOfMs(data.startMs.nodeIndex),
      },
      ...data.sizes.flatMap(sizeRows),
      {
        measure: "state entry: FinetunedModel; native do-nothing resource (padded by)",
        value: `${bytes(data.state.modelBytes)}; ${bytes(data.state.floorBytes)} (${bytes(data.state.floorPaddingBytes)})`,
      },
    ],
    // Each `up` creates the fleet and its stack.
    brokenCounts: data.sizes.flatMap((size) =>
      size.repetitions.flatMap((run) =>
        Object.entries(run)
          .filter(([, measure]) => measure.changes.create !== size.resources + 1)
          .map(
            ([variant, measure]) =>
              `an up of ${size.resources} (${variant}) created ${measure.changes.create ?? 0}, not the resources and the stack`,
          ),
      ),
    ),
  };
}

function medianOf(size: PluginUpAtSize, variant: "floor" | ModelsVariant, of: "cpu" | "peak"): number {
  return median(
    size.repetitions.map(({ [variant]: { plugin } }) => (of === "cpu" ? plugin.cpuMs : plugin.peakKiB)),
  );
}

function spreadOfSeconds({ median, min, max }: Spread): string {
  return `${seconds(median)} (${seconds(min)}–${seconds(max)})`;
}

function spreadOfMs({ median, min, max }: Spread): string {
  return `${Math.round(median)} ms (${Math.round(min)}–${Math.round(max)} ms)`;
}
