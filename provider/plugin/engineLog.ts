/** Progress lines sent to the engine's Log service, shown in the `pulumi up` display beside their resource. */
import * as grpc from "@grpc/grpc-js";
import * as engrpc from "@pulumi/pulumi/proto/engine_grpc_pb";
import * as engproto from "@pulumi/pulumi/proto/engine_pb";

export class EngineLog {
  private readonly client: engrpc.EngineClient;

  constructor(address: string) {
    this.client = new engrpc.EngineClient(address, grpc.credentials.createInsecure());
  }

  info(urn: string, message: string): void {
    this.log(engproto.LogSeverity.INFO, urn, message);
  }

  /** A warning about the whole operation: shown among the update's diagnostics, under no resource. */
  warning(message: string): void {
    this.log(engproto.LogSeverity.WARNING, "", message);
  }

  /** A fact about the whole operation, shown like a warning but as information. */
  operationInfo(message: string): void {
    this.log(engproto.LogSeverity.INFO, "", message);
  }

  private log(severity: engproto.LogSeverity, urn: string, message: string): void {
    const request = new engproto.LogRequest().setSeverity(severity).setUrn(urn).setMessage(message);
    this.client.log(request, (error) => {
      // The engine is gone (its `pulumi` was killed): nothing can be reported or returned any more, and polling
      // on would only keep a training's wait alive for no one. The next `pulumi up` finds what Cohere is doing.
      if (error?.code === grpc.status.UNAVAILABLE) process.exit(1);
    });
  }
}
