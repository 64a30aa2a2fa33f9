/** An error the API answers with `{"message": ...}` and the given status. */
export class ApiError extends Error {
  constructor(
    readonly statusCode: number,
    message: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

/** Cohere prefixes validation messages with "invalid request: ". */
export function invalidRequest(detail: string): ApiError {
  return new ApiError(400, `invalid request: ${detail}`);
}

export function notFound(message: string): ApiError {
  return new ApiError(404, message);
}
