/** Values of `api_key` fields anywhere in a JSON body (such as the wandb key), which must never reach an error. */
export function secretsIn(body: unknown): string[] {
  if (Array.isArray(body)) return body.flatMap(secretsIn);
  if (body === null || typeof body !== "object") return [];
  return Object.entries(body).flatMap(([key, value]) =>
    key === "api_key" && typeof value === "string" ? [value] : secretsIn(value),
  );
}

/** A server may echo what it was sent; replace every secret in the text. */
export function redact(text: string, secrets: string[]): string {
  return secrets
    .filter((secret) => secret.length > 0)
    .reduce((t, secret) => t.split(secret).join("[REDACTED]"), text);
}
