/**
 * Thrown from create/update when the object exists at Cohere but did not reach the desired state. The dynamic
 * provider host turns an error carrying `id` into ErrorResourceInitFailed, so the engine keeps the object in
 * state (nothing is orphaned) and the next `pulumi up` can resume or replace it.
 */
export class ResourceInitError extends Error {
  /** What the engine shows as the failure; read by the dynamic provider host. */
  readonly reasons: string[];

  constructor(
    message: string,
    readonly id: string,
    readonly properties: object,
  ) {
    super(message);
    this.name = "ResourceInitError";
    this.reasons = [message];
  }
}
