/**
 * One error class per failure kind. Errors keep only plain, secret-free facts (never the axios error,
 * its config, headers or the request body) so they are safe to log, print and persist.
 */

export interface ApiErrorDetails {
  method: string;
  /** Request path without the query string. */
  path: string;
  status?: number;
  /** The `message` field of Cohere's error body, or the raw body text. */
  cohereMessage?: string;
  requestId?: string;
  /** Transport error code such as ECONNREFUSED, for failures without a response. */
  code?: string;
  /** True when the request may have been processed although it failed (a non-idempotent request was not retried). */
  ambiguous?: boolean;
  attempts?: number;
}

export class CohereApiError extends Error {
  readonly method: string;
  readonly path: string;
  readonly status: number | undefined;
  readonly cohereMessage: string | undefined;
  readonly requestId: string | undefined;
  readonly code: string | undefined;
  readonly ambiguous: boolean;
  readonly attempts: number;

  constructor(details: ApiErrorDetails, hint = "The API answered with an unexpected status.") {
    const message = describeFailure(details, hint);
    super(message);
    // Pulumi's closure serializer rewrites classes into functions that call `Error` without `new`, which sets
    // neither message nor stack on the instance.
    this.message = message;
    Error.captureStackTrace(this, this.constructor);
    this.method = details.method;
    this.path = details.path;
    this.status = details.status;
    this.cohereMessage = details.cohereMessage;
    this.requestId = details.requestId;
    this.code = details.code;
    this.ambiguous = details.ambiguous ?? false;
    this.attempts = details.attempts ?? 1;
  }
}

function describeFailure(d: ApiErrorDetails, hint: string): string {
  const outcome = d.status === undefined ? `failed${d.code ? ` (${d.code})` : ""}` : `returned ${d.status}`;
  const said = d.cohereMessage ? `: ${d.cohereMessage}` : "";
  const ambiguity = d.ambiguous
    ? " The request may or may not have been processed, so it was not retried; look the object up before creating it again."
    : "";
  const facts = [
    d.requestId && `request id ${d.requestId}`,
    d.attempts && d.attempts > 1 && `${d.attempts} attempts`,
  ]
    .filter(Boolean)
    .join(", ");
  return `Cohere API ${d.method} ${d.path} ${outcome}${said}. ${hint}${ambiguity}${facts ? ` (${facts})` : ""}`;
}

export class BadRequestError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(details, "Cohere rejected the request as invalid; correct the input named in the message.");
  }
}

export class AuthenticationError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(
      details,
      "The API key is missing or invalid; check the secret stack config cohere:apiKey " +
        "(pulumi config set --secret cohere:apiKey <key>) or the CO_API_KEY environment variable.",
    );
  }
}

export class PermissionDeniedError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(details, "The API key is not allowed to do this; check the key's organisation, plan and quotas.");
  }
}

export class NotFoundError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(details, "It does not exist; check the id, it may have been deleted outside this program.");
  }
}

export class UnprocessableEntityError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(details, "Cohere could not process the input; check the data and its format.");
  }
}

export class RateLimitError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(details, "Rate limit exceeded; wait and try again, or run fewer operations in parallel.");
  }
}

export class InternalServerError extends CohereApiError {
  constructor(details: ApiErrorDetails) {
    super(details, "Cohere had a server-side problem; try again later.");
  }
}

export class ApiConnectionError extends CohereApiError {
  constructor(
    details: ApiErrorDetails,
    hint = "Could not talk to the API; check cohere:baseUrl / CO_API_URL and the network.",
  ) {
    super(details, hint);
  }
}

export class ApiConnectionTimeoutError extends ApiConnectionError {
  constructor(details: ApiErrorDetails, timeoutMs: number) {
    super(
      { ...details, code: details.code ?? "TIMEOUT" },
      `No response within ${timeoutMs} ms; raise the client timeout or check cohere:baseUrl and the network.`,
    );
  }
}

// Names live on the prototypes so stacks start with them. That also makes Pulumi's closure serializer keep each
// prototype and its chain (it drops prototypes holding only `constructor`), so `instanceof` works in a deployed provider.
for (const errorClass of [
  CohereApiError,
  BadRequestError,
  AuthenticationError,
  PermissionDeniedError,
  NotFoundError,
  UnprocessableEntityError,
  RateLimitError,
  InternalServerError,
  ApiConnectionError,
  ApiConnectionTimeoutError,
]) {
  errorClass.prototype.name = errorClass.name;
}

const errorClassByStatus: Record<number, new (details: ApiErrorDetails) => CohereApiError> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The error class for an HTTP error status. */
export function errorForStatus(details: ApiErrorDetails & { status: number }): CohereApiError {
  const ErrorClass =
    errorClassByStatus[details.status] ?? (details.status >= 500 ? InternalServerError : CohereApiError);
  return new ErrorClass(details);
}
