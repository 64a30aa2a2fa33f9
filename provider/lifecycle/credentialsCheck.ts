/**
 * Before a preview promises a change that calls Cohere, one read with the API key shows that Cohere takes it: a
 * wrong key fails the preview a reviewer reads, not the update after it. One check per configured provider, shared
 * by its resource types; any other failure of the read (an outage, say) is left to the call that meets it.
 */
import { AuthenticationError, PermissionDeniedError } from "../cohere/errors";

export class CredentialsCheck {
  private checked?: Promise<void>;

  /** `read` is any authenticated call; `keySource` names the setting a refused key comes from. */
  run(read: () => Promise<unknown>, keySource: string): Promise<void> {
    this.checked ??= read().then(
      () => undefined,
      (error: unknown) => {
        if (error instanceof AuthenticationError || error instanceof PermissionDeniedError) {
          throw new Error(
            `Cohere refuses the API key from ${keySource}: ${error.message} ` +
              "(cohere:skipCredentialsValidation: true skips this check)",
          );
        }
      },
    );
    return this.checked;
  }
}
