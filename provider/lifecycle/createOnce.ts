/** Creates a Cohere object without ever creating it twice, for requests that must not be blindly resent. */
import { CohereApiError } from "../cohere/errors";
import { report } from "./report";

const maxAttempts = 4;

export interface CreateOnceSteps<T> {
  /** What is being created, for progress lines. */
  what: string;
  /** An object this create would duplicate (left by an interrupted run, or by a request whose answer was lost). */
  findExisting: (attempt: number) => Promise<T | undefined>;
  create: () => Promise<T>;
}

export interface Created<T> {
  value: T;
  /** True when an existing object was taken over instead of created. */
  takenOver: boolean;
}

export async function createOnce<T>(steps: CreateOnceSteps<T>): Promise<Created<T>> {
  for (let attempt = 1; ; attempt++) {
    const existing = await steps.findExisting(attempt);
    if (existing) return { value: existing, takenOver: true };
    try {
      return { value: await steps.create(), takenOver: false };
    } catch (error) {
      if (!(error instanceof CohereApiError && error.ambiguous) || attempt >= maxAttempts) throw error;
      report(
        `${steps.what} may or may not have reached Cohere (${error.code ?? error.status}); looking for it before trying again`,
      );
    }
  }
}
