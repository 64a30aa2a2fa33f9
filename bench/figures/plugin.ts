/**
 * `plugin`: the standalone `pulumi-resource-cohere` against today's Node.js plugin directory (its size, the files
 * of an install, its start to serving), and `pulumi up` of FinetunedModels through it from a Pulumi YAML program
 * against as many resources of a do-nothing native provider (bench/nativeFloor) whose state entries are as large.
 */
import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { performance } from "node:perf_hooks";
import { promisify } from "node:util";
import { ensureNode, NODE_VERSIONS } from "../../scripts/lib/nodeVersions";
import { buildPluginDir } from "../../scripts/lib/pluginDir";
import { ensurePulumiCli, findLanguageHost } from "../../scripts/lib/pulumiCli";
import { checkoutRelease } from "../../scripts/lib/release/checkoutRelease";
import { buildPluginExecutable } from "../../scripts/lib/release/pluginExecutable";
import { hostPlatform } from "../../scripts/lib/release/platforms";
import { createUserProject, type UserProject } from "../../scripts/lib/userProject";
import type { FigureContext } from "../figure";
import { withEmulator } from "../lib/benchEmulator";
import { FAST_PROVIDER_ENV } from "../lib/benchProject";
import { childCpuMs } from "../lib/childCpu";
import { FLEET_DATASET_EXAMPLES, FLEET_TRAINING_MS } from "../lib/fleetUps";
import { ensureNativeFloor, NATIVE_FLOOR_PLUGIN, NATIVE_FLOOR_TYPE } from "../lib/nativeFloor";
import { msToFirstSchema, msToServe, msToServeThroughLanguageHost } from "../lib/pluginStart";
import { type SampledUsage, sampleProcesses } from "../lib/processSampler";
import { resourceState } from "../lib/resourceState";
import { median, round, spread, type Spread } from "../lib/statistics";
import { floorPadding, YAML_FLEET_PROJECT, type YamlFleet, yamlFleetProgram } from "../lib/yamlFleet";

const execFileAsync = promisify(execFile);

export const PLUGIN_STARTS = 10;
export const PLUGIN_SIZES = [50, 500];
export const PLUGIN_UP_VARIANTS = ["floor", "instantModels", "models"] as const;
export type PluginUpVariant = (typeof PLUGIN_UP_VARIANTS)[number];
export type ModelsVariant = Exclude<PluginUpVariant, "floor">;
export const MODELS_VARIANTS: readonly ModelsVariant[] = ["instantModels", "models"];
export const TRAINING_MS: Record<ModelsVariant, number> = { instantModels: 0, models: FLEET_TRAINING_MS };

export const START_VARIANTS = ["executable", "executableSchema", "languageHost", "nodeIndex"] as const;
export type StartVariant = (typeof START_VARIANTS)[number];

const MODEL_TYPE = "cohere:index:FinetunedModel";

export interface PluginUpMeasure {
  ms: number;
  changes: Record<string, number>;
  /** CPU of `pulumi` and everything it ran: engine, YAML language host, plugin. */
  pulumiCpuMs: number;
  /** The bench's own process meanwhile: the in-process emulator's work, and reading `pulumi`'s output. */
  benchCpuMs: number;
  /** The provider plugin's processes, sampled from /proc. */
  plugin: SampledUsage;
}

/** From the medians: what the executable's `up` costs beyond the native floor's, by process. */
export interface Difference {
  wallMs: number;
  /** `pulumi` and its YAML language host: all of `pulumi`'s CPU but the plugin's. */
  engineCpuMs: number;
  pluginCpuMs: number;
  /** The bench process: the emulator's work (Cohere's side, not the user's machine). */
  emulatorCpuMs: number;
}

export interface PluginUpAtSize {
  resources: number;
  repetitions: Array<Record<PluginUpVariant, PluginUpMeasure>>;
  ms: Record<PluginUpVariant, Spread>;
  /** Median `up` of the models over the floor's. */
  ratio: Record<ModelsVariant, number>;
  difference: Record<ModelsVariant, Difference>;
}

export interface PluginData {
  platform: string;
  nodeVersion: string;
  executableBytes: number;
  archiveBytes: number;
  archiveFiles: number;
  pluginDirBytes: number;
  pluginDirFiles: number;
  startsMs: Record<StartVariant, number[]>;
  startMs: Record<StartVariant, Spread>;
  trainingMs: Record<ModelsVariant, number>;
  /** The largest state entry of each kind after the first measured `up`s, and the floor's padding that matches. */
  state: { modelBytes: number; floorBytes: number; floorPaddingBytes: number };
  sizes: PluginUpAtSize[];
}

export async function measurePlugin({ repetitions, log }: FigureContext): Promise<PluginData> {
  const platform = hostPlatform();
  if (platform === undefined) throw new Error(`no release platform for ${process.platform}-${process.arch}`);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "cohere-bench-plugin-"));
  try {
    const executableDir = path.join(work, "executable");
    const executable = await buildPluginExecutable({
      release: checkoutRelease(),
      platform,
      outDir: executableDir,
      log,
    });
    const archive = await archiveOf(executable, path.join(work, "archive.tar.gz"));
    const pluginDir = await buildPluginDir(path.join(work, "pluginDir"));
    const pluginDirFiles = filesUnder(pluginDir);
    const startsMs = await startTimes(executable, pluginDir, work, log);
    const floorDir = await ensureNativeFloor(log);
    const { state, sizes } = await fleetUps(work, executableDir, floorDir, repetitions, log);
    return {
      platform,
      nodeVersion: NODE_VERSIONS[22],
      executableBytes: fs.statSync(executable).size,
      archiveBytes: fs.statSync(archive.file).size,
      archiveFiles: archive.files,
      pluginDirBytes: pluginDirFiles.reduce((sum, file) => sum + file.bytes, 0),
      pluginDirFiles: pluginDirFiles.length,
      startsMs,
      startMs: mapVariants(START_VARIANTS, (variant) => spread(startsMs[variant])),
      trainingMs: TRAINING_MS,
      state,
      sizes,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

/** The executable alone at the archive's root, as Pulumi's plugin archives hold it. */
async function archiveOf(executable: string, file: string): Promise<{ file: string; files: number }> {
  await execFileAsync("tar", ["-czf", file, "-C", path.dirname(executable), path.basename(executable)]);
  const { stdout } = await execFileAsync("tar", ["-tzf", file]);
  return { file, files: stdout.split("\n").filter((line) => line && !line.endsWith("/")).length };
}

function filesUnder(dir: string): Array<{ bytes: number }> {
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => !entry.isDirectory())
    .map((entry) => ({ bytes: fs.lstatSync(path.join(entry.parentPath, entry.name)).size }));
}

/** Each start in turn, so that none always runs on a busier machine. */
async function startTimes(
  executable: string,
  pluginDir: string,
  work: string,
  log: FigureContext["log"],
): Promise<Record<StartVariant, number[]>> {
  const cli = await ensurePulumiCli();
  const nodeDir = await ensureNode(22);
  const languageHost = findLanguageHost(cli.binary, cli.env.PATH, "nodejs");
  if (languageHost === undefined) throw new Error("no pulumi-language-nodejs beside pulumi or on PATH");
  const cwd = fs.mkdtempSync(path.join(work, "project-"));
  const options = { cwd, env: { ...process.env, PATH: `${nodeDir}${path.delimiter}${cli.env.PATH}` } };
  const starts: Record<StartVariant, () => Promise<number>> = {
    executable: () => msToServe(executable, [], options),
    executableSchema: () => msToFirstSchema(executable, [], options),
    languageHost: () => msToServeThroughLanguageHost(languageHost, pluginDir, options),
    nodeIndex: () => msToServe(path.join(nodeDir, "node"), [path.join(pluginDir, "index.js")], options),
  };
  const times = mapVariants(START_VARIANTS, () => [] as number[]);
  for (let run = 0; run < PLUGIN_STARTS; run++) {
    for (const variant of START_VARIANTS) times[variant].push(Math.round(await starts[variant]()));
  }
  log(`plugin, starts: ${START_VARIANTS.map((v) => `${v} ${median(times[v])} ms`).join(", ")}`);
  return times;
}

interface FleetProjects {
  models: UserProject;
  floor: UserProject;
}

async function fleetUps(
  work: string,
  executableDir: string,
  floorDir: string,
  repetitions: number,
  log: FigureContext["log"],
): Promise<Pick<PluginData, "state" | "sizes">> {
  // Each run writes its own program; the project starts with a name only.
  const template = fs.mkdtempSync(path.join(work, "yaml-project-"));
  fs.writeFileSync(path.join(template, "Pulumi.yaml"), `name: ${YAML_FLEET_PROJECT}\nruntime: yaml\n`);
  const projects = await Promise.all(
    ["models", "floor"].map((kind) =>
      createUserProject({
        template,
        purpose: `bench-plugin-${kind}`,
        installPackage: false,
        env: FAST_PROVIDER_ENV,
      }),
    ),
  );
  const [models, floor] = projects;
  try {
    const up = upRunner({ models, floor }, executableDir, floorDir);
    // Unmeasured, so that no measured run pays for a cold start; and they size the floor's padding.
    const warmUp = stackName("w", 1, 0);
    const modelEntryBytes = await up.models(warmUp, 1, 0, true).then((run) => run.entryBytes!);
    const bareFloorBytes = await up.floor(warmUp, 1, 0, true).then((run) => run.entryBytes!);
    const floorPaddingBytes = floorPadding(modelEntryBytes, bareFloorBytes);
    const state = { modelBytes: 0, floorBytes: 0, floorPaddingBytes };
    const sizes: PluginUpAtSize[] = [];
    for (const resources of PLUGIN_SIZES) {
      const runs: Array<Record<PluginUpVariant, PluginUpMeasure>> = [];
      for (let repetition = 1; repetition <= repetitions; repetition++) {
        const exportState = sizes.length === 0 && repetition === 1;
        const stack = (variant: string) => stackName(variant, resources, repetition);
        const floorUp = await up.floor(stack("f"), resources, floorPaddingBytes, exportState);
        const instantUp = await up.models(stack("i"), resources, TRAINING_MS.instantModels, exportState);
        const modelsUp = await up.models(stack("m"), resources, TRAINING_MS.models, false);
        if (exportState)
          Object.assign(state, { modelBytes: instantUp.entryBytes, floorBytes: floorUp.entryBytes });
        const run = { floor: floorUp.measure, instantModels: instantUp.measure, models: modelsUp.measure };
        runs.push(run);
        log(
          `plugin, ${resources} resources, run ${repetition}: ` +
            PLUGIN_UP_VARIANTS.map((variant) => `${variant} ${run[variant].ms} ms`).join(", "),
        );
      }
      sizes.push(summary(resources, runs));
    }
    return { state, sizes };
  } finally {
    await Promise.all(projects.map((project) => project.cleanup()));
  }
}

/** Names of one length: the stack's name is in every URN, so in every state entry the floor's padding matches. */
function stackName(variant: string, resources: number, repetition: number): string {
  return `${variant}-${String(resources).padStart(4, "0")}-${String(repetition).padStart(2, "0")}`;
}

interface UpRun {
  measure: PluginUpMeasure;
  /** The largest state entry of the fleet's type, when its state was exported. */
  entryBytes?: number;
}

function upRunner(projects: FleetProjects, executableDir: string, floorDir: string) {
  const run = async (
    project: UserProject,
    stack: string,
    program: YamlFleet,
    config: string[],
    exportState: boolean,
  ): Promise<UpRun> => {
    project.writeFile("Pulumi.yaml", yamlFleetProgram(program));
    await project.selectStack(stack);
    if (config.length > 0) await project.pulumi(["config", "set-all", ...config]);
    const executable = path.join(program.plugin.dir, `pulumi-resource-${program.plugin.name}`);
    const measure = await measuredUp(project, executable, program.count);
    if (!exportState) return { measure };
    const prefix = program.type.slice(0, program.type.lastIndexOf(":") + 1);
    const type = program.type.slice(prefix.length);
    const entryBytes = resourceState(await project.exportState(), { module: prefix, type }).resourceBytes.max;
    return { measure, entryBytes };
  };
  return {
    floor: (stack: string, count: number, paddingBytes: number, exportState: boolean) =>
      run(
        projects.floor,
        stack,
        {
          plugin: { name: NATIVE_FLOOR_PLUGIN, dir: floorDir },
          type: NATIVE_FLOOR_TYPE,
          count,
          properties: { paddingBytes },
        },
        [],
        exportState,
      ),
    models: (stack: string, count: number, trainingMs: number, exportState: boolean) =>
      withEmulator({ trainingMs, validationMs: 0 }, async (emulator) => {
        const datasetId = await emulator.admin.createChatDataset("bench-chat", FLEET_DATASET_EXAMPLES);
        const config = [
          "--plaintext",
          `cohere:baseUrl=${emulator.url}`,
          "--secret",
          `cohere:apiKey=${emulator.apiKey}`,
        ];
        return run(
          projects.models,
          stack,
          {
            plugin: { name: "cohere", dir: executableDir },
            type: MODEL_TYPE,
            count,
            properties: { settings: { baseModel: { baseType: "BASE_TYPE_CHAT" }, datasetId } },
          },
          config,
          exportState,
        );
      }),
  };
}

/** `pulumi up --parallel <count>`, its plugin's processes sampled meanwhile. */
async function measuredUp(project: UserProject, executable: string, count: number): Promise<PluginUpMeasure> {
  const benchCpu = process.cpuUsage();
  const pulumiCpu = childCpuMs();
  const stopSampling = sampleProcesses(executable);
  const started = performance.now();
  const { changes } = await project.up({ flags: ["--parallel", String(count)] }).catch((error: unknown) => {
    stopSampling();
    throw error;
  });
  const ms = performance.now() - started;
  const plugin = stopSampling();
  const { user, system } = process.cpuUsage(benchCpu);
  return {
    ms: Math.round(ms),
    changes,
    pulumiCpuMs: Math.round(childCpuMs() - pulumiCpu),
    benchCpuMs: Math.round((user + system) / 1000),
    plugin,
  };
}

function summary(resources: number, runs: Array<Record<PluginUpVariant, PluginUpMeasure>>): PluginUpAtSize {
  const ms = mapVariants(PLUGIN_UP_VARIANTS, (variant) => spread(runs.map((run) => run[variant].ms)));
  const medianOf = (variant: PluginUpVariant, of: (measure: PluginUpMeasure) => number) =>
    median(runs.map((run) => of(run[variant])));
  const engineCpu = (measure: PluginUpMeasure) => measure.pulumiCpuMs - measure.plugin.cpuMs;
  const difference = (variant: ModelsVariant): Difference => ({
    wallMs: round(ms[variant].median - ms.floor.median),
    engineCpuMs: round(medianOf(variant, engineCpu) - medianOf("floor", engineCpu)),
    pluginCpuMs: round(medianOf(variant, (m) => m.plugin.cpuMs) - medianOf("floor", (m) => m.plugin.cpuMs)),
    emulatorCpuMs: round(medianOf(variant, (m) => m.benchCpuMs) - medianOf("floor", (m) => m.benchCpuMs)),
  });
  return {
    resources,
    repetitions: runs,
    ms,
    ratio: mapVariants(MODELS_VARIANTS, (variant) => round(ms[variant].median / ms.floor.median, 2)),
    difference: mapVariants(MODELS_VARIANTS, difference),
  };
}

function mapVariants<K extends string, V>(variants: readonly K[], value: (variant: K) => V): Record<K, V> {
  return Object.fromEntries(variants.map((variant) => [variant, value(variant)])) as Record<K, V>;
}
