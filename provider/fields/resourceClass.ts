/** A dynamic resource class's argument and output types, and its outputs' keys, from its field tables. */
import type * as pulumi from "@pulumi/pulumi";
import type { FieldTable } from "./field";

/** Each value, and each value within an object, may be a Pulumi input. */
export type ArgsOf<T> = {
  [K in keyof T]: pulumi.Input<NonNullable<T[K]> extends readonly unknown[] ? T[K] : DeepInput<T[K]>>;
};

type DeepInput<T> = T extends null | undefined
  ? T
  : T extends readonly unknown[]
    ? T
    : T extends object
      ? ArgsOf<T>
      : T;

/** The outputs a resource class exposes: every input it records and every field Cohere reports. */
export type OutputsOf<T> = { readonly [K in keyof T]-?: pulumi.Output<T[K]> };

/** What a resource class registers for each reported field: nothing yet, for its provider to fill in. */
export function unsetOutputs(outputFields: FieldTable): Record<string, undefined> {
  return Object.fromEntries(Object.keys(outputFields).map((key) => [key, undefined]));
}
