import { timingSafeEqual } from "node:crypto";
import { ApiError } from "../backend/errors";

/** `Authorization: Bearer <key>`, answered with Cohere's two documented 401 messages. */
export function checkAuthorization(header: string | undefined, apiKey: string): void {
  const value = header?.trim() ?? "";
  if (value === "") throw new ApiError(401, "no api key supplied");
  const match = /^bearer(?:\s+(.*))?$/i.exec(value);
  if (!match) throw new ApiError(401, "invalid api token");
  const token = match[1]?.trim() ?? "";
  if (token === "") throw new ApiError(401, "no api key supplied");
  if (!sameSecret(token, apiKey)) throw new ApiError(401, "invalid api token");
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
