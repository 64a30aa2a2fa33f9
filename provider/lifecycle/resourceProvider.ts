/** What both hosts call: a resource provider, given the host's bookkeeping beside the program's inputs. */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import type { ChangeDecision } from "./changeDecision";
import type { CohereProvider } from "./cohereProvider";

/** Go-style durations, from the resource's customTimeouts. */
export interface TimeoutsSpec {
  create?: string;
  update?: string;
}

/** What the host knows of a resource besides the inputs its program declared. */
export interface HostBookkeeping {
  /** The Pulumi resource name: the stem of a generated name. */
  resourceName: string;
  /** `<project>/<stack>`: what, with the resource name, identifies the resource across runs. */
  autoNameScope: string;
  /** The operation's customTimeouts. */
  timeouts?: TimeoutsSpec;
}

/** Inputs and state as plain values: each provider declares them as its own types. */
type Properties = object;

export interface ResourceProvider extends CohereProvider {
  check(olds: Properties, news: Properties, host: HostBookkeeping): Promise<dynamic.CheckResult>;
  diff(
    id: string,
    olds: Properties,
    news: Properties,
    host: HostBookkeeping,
  ): Promise<dynamic.DiffResult & Pick<ChangeDecision, "changedPaths">>;
  create(inputs: Properties, host: HostBookkeeping): Promise<dynamic.CreateResult>;
  read(id: string, props: Properties): Promise<dynamic.ReadResult>;
  update(
    id: string,
    olds: Properties,
    news: Properties,
    host: HostBookkeeping,
  ): Promise<dynamic.UpdateResult>;
  delete(id: string, props: Properties): Promise<void>;
}
