/**
 * The name a model with a generated name carries while its create is in flight. It is derived from the stack and
 * the resource alone, so a `pulumi up` that was killed after Cohere accepted the create finds the model again
 * under it; the create gives the model its generated name once it ends, the moment the engine records it. A model
 * still under this name is therefore one of this resource's own creates that no state holds: the only kind the
 * provider ever takes over without being told to.
 */
import { createHash } from "node:crypto";
import { canonicalJson } from "../lifecycle/canonicalJson";

const pendingSuffix = "-creating";

/**
 * `<resource>-<digest of stack scope and resource>-creating`, and with the stack's key (lifecycle/stackKey.ts),
 * which sets apart stacks of the same names in different backends, `<resource>-<that digest>-<key digest>-creating`.
 */
export function pendingName(scope: string, resourceName: string, stackKey?: string): string {
  const stem = `${resourceName}-${digest([scope, resourceName])}`;
  return stackKey ? `${stem}-${digest([stackKey])}${pendingSuffix}` : `${stem}${pendingSuffix}`;
}

/** The name a create of this resource sends, and how well another name matches it as one of its own. */
export interface PendingNames {
  sent: string;
  /** 0 for the name sent, higher for one less certainly this stack's own, -1 for one that is not. */
  rankOf(name: string): number;
  /** A pending name of this resource's scope under another stack key: never taken over, but worth naming. */
  underOtherKey(name: string): boolean;
}

/**
 * A create sent without the stack's key (by a version before it, or with the stack's file absent) carries the
 * keyless name, which is still this stack's. Without the key, any key's name of this stack's names may be its
 * own: that run cannot tell them apart, as before there was a key.
 */
export function pendingNames(scope: string, resourceName: string, stackKey?: string): PendingNames {
  const keyless = pendingName(scope, resourceName);
  const stem = keyless.slice(0, -pendingSuffix.length);
  const sent = stackKey ? pendingName(scope, resourceName, stackKey) : keyless;
  return {
    sent,
    rankOf: (name) => {
      if (name === sent) return 0;
      if (name === keyless) return 1;
      return !stackKey && keyed(name) ? 2 : -1;
    },
    underOtherKey: (name) => Boolean(stackKey) && name !== sent && keyed(name),
  };
  function keyed(name: string): boolean {
    return (
      name.startsWith(stem) && new RegExp(`^-[0-9a-f]{8}${pendingSuffix}$`).test(name.slice(stem.length))
    );
  }
}

function digest(parts: string[]): string {
  return createHash("sha256").update(canonicalJson(parts)).digest("hex").slice(0, 8);
}

export function isPendingName(name: string | undefined): boolean {
  return name?.endsWith(pendingSuffix) ?? false;
}
