/**
 * The methods of Pulumi's provider service the plugin serves, typed by the service's generated interface. Small
 * and free of the providers, so the plugin can register them before it loads those (see main.ts).
 */
import type { IResourceProviderServer } from "@pulumi/pulumi/proto/provider_grpc_pb";

/** The service's methods by name, without the index signature of grpc-js's that would let any name through. */
type ProviderServiceMethods = {
  [M in keyof IResourceProviderServer as string extends M ? never : M]: IResourceProviderServer[M];
};

/** grpc-js answers every other method UNIMPLEMENTED. */
export const servedMethods = [
  "getPluginInfo",
  "getSchema",
  "checkConfig",
  "diffConfig",
  "configure",
  "check",
  "diff",
  "create",
  "read",
  "update",
  "delete",
  "cancel",
  "attach",
] as const satisfies readonly (keyof ProviderServiceMethods)[];

export type ServedMethod = (typeof servedMethods)[number];

export type ServedImplementation = Pick<ProviderServiceMethods, ServedMethod>;
