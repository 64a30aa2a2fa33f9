/**
 * The `cohere` provider plugin's server: Pulumi starts the plugin (the standalone executable, or a Node.js plugin
 * directory's `main`) with the engine's address as its argument; it serves on a free loopback port and prints it.
 */
import * as grpc from "@grpc/grpc-js";
import * as provrpc from "@pulumi/pulumi/proto/provider_grpc_pb";
import type { PluginRelease } from "./release";
import { ServedImplementation, ServedMethod, servedMethods } from "./servedMethods";

/** The engine may prepend logging flags (`--logtostderr`, `-v=9`, `--tracing <endpoint>`). */
function engineAddress(args: string[]): string | undefined {
  const positional = args.filter((arg, index) => !arg.startsWith("-") && args[index - 1] !== "--tracing");
  return positional[0];
}

export async function servePlugin(release: PluginRelease, args = process.argv.slice(2)): Promise<void> {
  const server = new grpc.Server({ "grpc.max_receive_message_length": 400 * 1024 * 1024 });
  let providers: Promise<ServedImplementation> | undefined;
  const loadProviders = () =>
    (providers ??= import("./server").then(({ pluginImplementation }) =>
      pluginImplementation(release, engineAddress(args)),
    ));
  server.addService(provrpc.ResourceProviderService, awaitingImplementation(loadProviders));
  const port = await new Promise<number>((resolve, reject) =>
    server.bindAsync("127.0.0.1:0", grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound),
    ),
  );
  console.log(String(port));
  // The resource providers (axios and every resource module: about half of a start) load once the port is out,
  // while the engine connects, instead of before it; a call that comes first waits for them.
  await loadProviders();
}

/**
 * A handler for each method the plugin serves that passes its call on to the implementation once it is loaded;
 * grpc-js answers the methods not added UNIMPLEMENTED.
 */
function awaitingImplementation(
  load: () => Promise<ServedImplementation>,
): grpc.UntypedServiceImplementation {
  const forward =
    (method: ServedMethod): grpc.handleUnaryCall<unknown, unknown> =>
    (call, callback) =>
      load().then(
        (implementation) =>
          (implementation[method] as grpc.handleUnaryCall<unknown, unknown>)(call, callback),
        (error: Error) => callback(error),
      );
  return Object.fromEntries(servedMethods.map((method) => [method, forward(method)]));
}
