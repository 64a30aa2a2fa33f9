/**
 * The `cohere` provider plugin's server: Pulumi starts the plugin (the standalone executable, or a Node.js plugin
 * directory's `main`) with the engine's address as its argument; it serves on a free loopback port and prints it.
 */
import * as grpc from "@grpc/grpc-js";
import { setOperationWarningSink } from "../lifecycle/report";
import { trainingQueue } from "../finetunedModel/trainingQueue";
import { EngineLog } from "./engineLog";
import type { PluginRelease } from "./release";
import { PluginServer, providerService } from "./server";

/** The engine may prepend logging flags (`--logtostderr`, `-v=9`, `--tracing <endpoint>`). */
function engineAddress(args: string[]): string | undefined {
  const positional = args.filter((arg, index) => !arg.startsWith("-") && args[index - 1] !== "--tracing");
  return positional[0];
}

export async function servePlugin(release: PluginRelease, args = process.argv.slice(2)): Promise<void> {
  const address = engineAddress(args);
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  const engine = address ? new EngineLog(address) : undefined;
  if (engine) setOperationWarningSink((message) => engine.warning(message));
  trainingQueue.judgePlanAtEachCheck();
  const plugin = new PluginServer(release, engine);
  server.addService(providerService, plugin.implementation());
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  console.log(String(port));
}
