/**
 * Start-to-serving time of a provider plugin: from spawning it to the port it prints on stdout once it serves, as
 * Pulumi waits for it. A Node.js plugin directory is started as the engine starts it, through Pulumi's Node.js
 * language host: the host's own start, then its `RunPlugin`, which finds `@pulumi/pulumi/cmd/run-plugin` from the
 * directory and runs it under `node` with the directory.
 */
import * as grpc from "@grpc/grpc-js";
import * as languageRpc from "@pulumi/pulumi/proto/language_grpc_pb";
import * as providerRpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import * as provider from "@pulumi/pulumi/proto/provider_pb";
import * as language from "@pulumi/pulumi/proto/language_pb";
import { type ChildProcess, spawn } from "node:child_process";
import { performance } from "node:perf_hooks";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";

/** Where the plugin would reach the engine; nothing listens there, and nothing calls it before the port is out. */
export const UNUSED_ENGINE_ADDRESS = "127.0.0.1:1";
const START_TIMEOUT_MS = 60_000;

export interface StartOptions {
  env: NodeJS.ProcessEnv;
  /** The working directory, the user's project's in a real run. */
  cwd: string;
}

/** Spawns `command` with the engine's address as its argument, as the engine does; resolves at its port line. */
export async function msToServe(command: string, args: string[], options: StartOptions): Promise<number> {
  const started = performance.now();
  const child = spawnGroup(command, [...args, UNUSED_ENGINE_ADDRESS], options);
  try {
    await portLine(child);
    return performance.now() - started;
  } finally {
    await stopped(child);
  }
}

/**
 * Spawns `command` as `msToServe` does, then asks it for its schema over gRPC; resolves at the answer. The plugin
 * prints its port before its resource providers have loaded, so this is its start as a caller sees it whole.
 */
export async function msToFirstSchema(
  command: string,
  args: string[],
  options: StartOptions,
): Promise<number> {
  const started = performance.now();
  const child = spawnGroup(command, [...args, UNUSED_ENGINE_ADDRESS], options);
  try {
    const client = new providerRpc.ResourceProviderClient(
      `127.0.0.1:${await portLine(child)}`,
      grpc.credentials.createInsecure(),
    );
    try {
      await new Promise((resolve, reject) =>
        client.getSchema(new provider.GetSchemaRequest(), (error, response) =>
          error ? reject(error) : resolve(response),
        ),
      );
    } finally {
      client.close();
    }
    return performance.now() - started;
  } finally {
    await stopped(child);
  }
}

/** The engine's way into a `runtime: nodejs` plugin directory, from the language host's start to the port line. */
export async function msToServeThroughLanguageHost(
  languageHost: string,
  pluginDir: string,
  options: StartOptions,
): Promise<number> {
  const started = performance.now();
  const host = spawnGroup(languageHost, [`-root=${pluginDir}`, UNUSED_ENGINE_ADDRESS], options);
  const client = new languageRpc.LanguageRuntimeClient(
    `127.0.0.1:${await portLine(host)}`,
    grpc.credentials.createInsecure(),
  );
  const call = client.runPlugin(runPluginRequest(pluginDir, options));
  try {
    await new Promise<void>((resolve, reject) => {
      let stdout = "";
      let stderr = "";
      call.on("data", (response: language.RunPluginResponse) => {
        stdout += Buffer.from(response.getStdout_asU8()).toString();
        stderr += Buffer.from(response.getStderr_asU8()).toString();
        if (/^\d+\n/m.test(stdout)) resolve();
        if (response.hasExitcode())
          reject(new Error(`the plugin exited before serving:\n${stdout}${stderr}`));
      });
      call.on("error", reject);
      call.on("end", () =>
        reject(new Error(`RunPlugin ended before the plugin served:\n${stdout}${stderr}`)),
      );
    });
    return performance.now() - started;
  } finally {
    call.removeAllListeners().on("error", () => undefined);
    call.cancel();
    client.close();
    await stopped(host);
  }
}

/** What the engine asks of the language host for a provider plugin whose PulumiPlugin.yaml names its runtime. */
function runPluginRequest(pluginDir: string, { env, cwd }: StartOptions): language.RunPluginRequest {
  const info = new language.ProgramInfo()
    .setRootDirectory(pluginDir)
    .setProgramDirectory(pluginDir)
    .setEntryPoint(".")
    .setOptions(new Struct());
  const envList = Object.entries(env).flatMap(([key, value]) =>
    value === undefined ? [] : [`${key}=${value}`],
  );
  return new language.RunPluginRequest()
    .setPwd(cwd)
    .setArgsList([UNUSED_ENGINE_ADDRESS])
    .setEnvList(envList)
    .setInfo(info)
    .setKind("resource")
    .setName("cohere");
}

/** The first line of the child's stdout, once it is a port number. */
function portLine(child: ChildProcess): Promise<number> {
  return new Promise((resolve, reject) => {
    let stdout = "";
    let stderr = "";
    const timer = setTimeout(
      () => reject(new Error(`no port after ${START_TIMEOUT_MS} ms`)),
      START_TIMEOUT_MS,
    );
    child.stdout!.on("data", (chunk: Buffer) => {
      stdout += chunk.toString();
      const port = /^(\d+)\n/.exec(stdout)?.[1];
      if (port !== undefined) {
        clearTimeout(timer);
        resolve(Number(port));
      }
    });
    child.stderr!.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`exited (${code}) before printing its port:\n${stdout}${stderr}`));
    });
  });
}

/** In a process group of its own, so that stopping it stops what it started too (the host's `node`). */
function spawnGroup(command: string, args: string[], options: StartOptions): ChildProcess {
  return spawn(command, args, { ...options, stdio: ["ignore", "pipe", "pipe"], detached: true });
}

async function stopped(child: ChildProcess): Promise<void> {
  const exited =
    child.exitCode !== null || child.signalCode !== null
      ? Promise.resolve()
      : new Promise((resolve) => child.once("exit", resolve));
  try {
    process.kill(-child.pid!, "SIGKILL");
  } catch {
    // The group has ended already.
  }
  await exited;
}
