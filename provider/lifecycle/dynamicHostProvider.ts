/**
 * A resource provider as Pulumi's dynamic provider host calls it. That host gives a provider nothing but the
 * inputs, so the resource classes send the host's bookkeeping as inputs (lifecycle/resourceMetadata.ts,
 * dynamicResource.ts) and it is in the state of every stack they made. Here it is taken off before the provider
 * sees the inputs and put back into what the provider returns, so that state keeps the same keys.
 */
import type * as dynamic from "@pulumi/pulumi/dynamic";
import { sameValue } from "./canonicalJson";
import type { ConfigReader } from "./connection";
import { ResourceInitError } from "./resourceInitError";
import { FailureCollector } from "./rules";
import type { HostBookkeeping, ResourceProvider, TimeoutsSpec } from "./resourceProvider";

type Properties = Record<string, unknown>;

/** The provider's module text, then the bookkeeping the resource classes add to the declared inputs. */
export const dynamicHostKeys: readonly string[] = [
  "__provider",
  "timeouts",
  "resourceName",
  "autoNameScope",
] satisfies readonly ("__provider" | keyof HostBookkeeping)[];

/** The inputs or state as the dynamic host has them: what the program declared, and the host's keys present. */
interface Split {
  declared: Properties;
  hostKeys: Properties;
}

function splitHostKeys(properties: object = {}): Split {
  const declared: Properties = {};
  const hostKeys: Properties = {};
  for (const [key, value] of Object.entries(properties)) {
    (dynamicHostKeys.includes(key) ? hostKeys : declared)[key] = value;
  }
  return { declared, hostKeys };
}

export class DynamicHostProvider implements dynamic.ResourceProvider {
  /** `unnamed`: the name stem when the inputs carry no resource name. */
  constructor(
    private readonly provider: ResourceProvider,
    private readonly unnamed: string,
  ) {}

  configure(req: { config: ConfigReader }): Promise<void> {
    return this.provider.configure(req);
  }

  async check(olds: object, news: object): Promise<dynamic.CheckResult> {
    const { declared, hostKeys } = splitHostKeys(news);
    const result = await this.provider.check(
      splitHostKeys(olds).declared,
      declared,
      this.bookkeeping(hostKeys),
    );
    const failures = [...(result.failures ?? []), ...bookkeepingFailures(hostKeys)];
    return {
      inputs: { ...(result.inputs ?? declared), ...hostKeys },
      ...(failures.length > 0 && { failures }),
    };
  }

  /** customTimeouts are the engine's, which never tells this host of them: a change of theirs is an update. */
  async diff(id: string, olds: object, news: object): ReturnType<ResourceProvider["diff"]> {
    const old = splitHostKeys(olds);
    const now = splitHostKeys(news);
    const result = await this.provider.diff(id, old.declared, now.declared, this.bookkeeping(now.hostKeys));
    if (sameValue(old.hostKeys.timeouts, now.hostKeys.timeouts)) return result;
    return { ...result, changes: true, changedPaths: { ...result.changedPaths, timeouts: "update" } };
  }

  async create(inputs: object): Promise<dynamic.CreateResult> {
    const { declared, hostKeys } = splitHostKeys(inputs);
    const result = await restoring(hostKeys, () =>
      this.provider.create(declared, this.bookkeeping(hostKeys)),
    );
    return { ...result, outs: { ...result.outs, ...hostKeys } };
  }

  async read(id: string, props?: object): Promise<dynamic.ReadResult> {
    const { declared, hostKeys } = splitHostKeys(props);
    const result = await this.provider.read(id, declared);
    if (result.id === undefined) return result;
    return {
      ...result,
      props: { ...result.props, ...hostKeys },
      ...(result.inputs && { inputs: { ...result.inputs, ...hostKeys } }),
    };
  }

  async update(id: string, olds: object, news: object): Promise<dynamic.UpdateResult> {
    const { declared, hostKeys } = splitHostKeys(news);
    const result = await restoring(hostKeys, () =>
      this.provider.update(id, splitHostKeys(olds).declared, declared, this.bookkeeping(hostKeys)),
    );
    return { ...result, outs: { ...result.outs, ...hostKeys } };
  }

  delete(id: string, props?: object): Promise<void> {
    return this.provider.delete(id, splitHostKeys(props).declared);
  }

  private bookkeeping(hostKeys: Properties): HostBookkeeping {
    return {
      resourceName: typeof hostKeys.resourceName === "string" ? hostKeys.resourceName : this.unnamed,
      autoNameScope: typeof hostKeys.autoNameScope === "string" ? hostKeys.autoNameScope : "",
      timeouts: hostKeys.timeouts as TimeoutsSpec | undefined,
    };
  }
}

/** The bookkeeping is checked as the declared inputs are: a bad customTimeouts fails the preview. */
function bookkeepingFailures(hostKeys: Properties) {
  const check = new FailureCollector();
  check.timeouts("timeouts", hostKeys.timeouts);
  check.string("resourceName", hostKeys.resourceName, false);
  check.string("autoNameScope", hostKeys.autoNameScope, false);
  return check.failures;
}

/** A partial failure records the object with the host's keys too, as its outputs would have had them. */
async function restoring<T>(hostKeys: Properties, operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (error) {
    if (!(error instanceof ResourceInitError)) throw error;
    throw new ResourceInitError(error.message, error.id, { ...error.properties, ...hostKeys });
  }
}
