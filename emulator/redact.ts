const REDACTED = "[REDACTED]";
const SECRET_QUERY_KEY = /(api[_-]?key|secret|password|authorization|^token$)/i;

/** Removes known secrets and anything shaped like a bearer token or an api_key field from a log line. */
export function redactText(text: string, secrets: readonly string[]): string {
  let result = text
    .replace(/(bearer\s+)[^\s"',]+/gi, `$1${REDACTED}`)
    .replace(/("?api_?key"?\s*[:=]\s*"?)[^"&\s,}]+/gi, `$1${REDACTED}`);
  for (const secret of secrets) {
    if (secret) result = result.split(secret).join(REDACTED);
  }
  return result;
}

export function redactQuery(
  query: Record<string, unknown>,
  secrets: readonly string[],
): Record<string, unknown> {
  const redacted: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(query)) {
    if (SECRET_QUERY_KEY.test(key)) redacted[key] = REDACTED;
    else if (typeof value === "string") redacted[key] = redactText(value, secrets);
    else if (Array.isArray(value)) redacted[key] = value.map((item) => redactText(String(item), secrets));
    else redacted[key] = value;
  }
  return redacted;
}

/** A parsed JSON body with secret fields replaced and every string redacted, for the request log. */
export function redactBody(body: unknown, secrets: readonly string[]): unknown {
  if (typeof body === "string") return redactText(body, secrets);
  if (Array.isArray(body)) return body.map((item) => redactBody(item, secrets));
  if (body === null || typeof body !== "object") return body;
  return Object.fromEntries(
    Object.entries(body).map(([key, value]) => [
      key,
      SECRET_QUERY_KEY.test(key) ? REDACTED : redactBody(value, secrets),
    ]),
  );
}
