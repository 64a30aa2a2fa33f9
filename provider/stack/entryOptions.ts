/** Pulumi resource options an entry of a declarative stack may set, for models and datasets alike. */
import type * as pulumi from "@pulumi/pulumi";
import { withoutUndefined } from "../lifecycle/plainObjects";
import type { FailureCollector } from "../lifecycle/rules";

export interface EntryOptions {
  protect?: boolean;
  retainOnDelete?: boolean;
  deleteBeforeReplace?: boolean;
  ignoreChanges?: string[];
  customTimeouts?: { create?: string; update?: string; delete?: string };
}

/** The options that are true or false. */
export const entryOptionFlags = ["protect", "retainOnDelete", "deleteBeforeReplace"] as const;

export const entryOptionFields = [...entryOptionFlags, "ignoreChanges", "customTimeouts"] as const;

export function validateEntryOptions(
  check: FailureCollector,
  path: string,
  entry: Record<string, unknown>,
): void {
  for (const flag of entryOptionFlags) {
    check.boolean(`${path}.${flag}`, entry[flag], false);
  }
  check.stringList(`${path}.ignoreChanges`, entry.ignoreChanges);
  check.timeouts(`${path}.customTimeouts`, entry.customTimeouts, ["create", "update", "delete"]);
}

export function resourceOptions(entry: EntryOptions): pulumi.CustomResourceOptions {
  return withoutUndefined({
    protect: entry.protect,
    retainOnDelete: entry.retainOnDelete,
    deleteBeforeReplace: entry.deleteBeforeReplace,
    ignoreChanges: entry.ignoreChanges,
    customTimeouts: entry.customTimeouts,
  });
}

export function withoutEntryOptions<T extends EntryOptions>(entry: T): Omit<T, keyof EntryOptions> {
  const {
    protect: _p,
    retainOnDelete: _r,
    deleteBeforeReplace: _d,
    ignoreChanges: _i,
    customTimeouts: _c,
    ...rest
  } = entry;
  return rest;
}
