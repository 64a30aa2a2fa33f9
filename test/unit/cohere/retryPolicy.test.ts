import { decide, Failure, retryDelayMs } from "../../../provider/cohere/retryPolicy";

const status = (code: number, headers: Record<string, string> = {}): Failure => ({
  kind: "status",
  status: code,
  headers,
  data: {},
});
const transport = (code: string, timedOut = false): Failure => ({ kind: "transport", code, timedOut });
const NOW = Date.parse("2025-01-01T00:00:00Z");

describe("decide", () => {
  test.each([
    [status(500), true, "retry"],
    [status(500), false, "ambiguous"],
    [status(503), false, "ambiguous"],
    [status(429), false, "retry"],
    [status(408), false, "retry"],
    [status(400), true, "fail"],
    [status(404), false, "fail"],
    [transport("ECONNREFUSED"), false, "retry"],
    [transport("ENOTFOUND"), false, "retry"],
    [transport("ECONNRESET"), false, "ambiguous"],
    [transport("ECONNRESET"), true, "retry"],
    [transport("TIMEOUT", true), false, "ambiguous"],
    [transport("TIMEOUT", true), true, "retry"],
  ])("%o idempotent=%p -> %s", (failure, idempotent, expected) => {
    expect(decide(failure, idempotent)).toBe(expected);
  });
});

describe("retryDelayMs", () => {
  test("doubles from the base with ±10 % jitter and stops at 60 s", () => {
    for (const [index, expected] of [
      [0, 1000],
      [1, 2000],
      [2, 4000],
      [10, 60000],
    ]) {
      const delay = retryDelayMs(index, 1000, status(500), NOW);
      expect(delay).toBeGreaterThanOrEqual(expected * 0.9);
      expect(delay).toBeLessThanOrEqual(expected * 1.1);
    }
  });

  test("uses Retry-After seconds, capped at 60 s", () => {
    expect(retryDelayMs(0, 1000, status(429, { "retry-after": "3" }), NOW)).toBe(3000);
    expect(retryDelayMs(0, 1000, status(429, { "retry-after": "0" }), NOW)).toBe(0);
    expect(retryDelayMs(0, 1000, status(429, { "retry-after": "600" }), NOW)).toBe(60000);
  });

  test("uses Retry-After as an HTTP date", () => {
    const headers = { "retry-after": new Date(NOW + 5000).toUTCString() };
    expect(retryDelayMs(0, 1000, status(503, headers), NOW)).toBe(5000);
  });

  test("uses X-RateLimit-Reset as epoch seconds or seconds left", () => {
    expect(retryDelayMs(0, 1000, status(429, { "x-ratelimit-reset": String(NOW / 1000 + 7) }), NOW)).toBe(
      7000,
    );
    expect(retryDelayMs(0, 1000, status(429, { "x-ratelimit-reset": "4" }), NOW)).toBe(4000);
  });

  test("prefers Retry-After over X-RateLimit-Reset", () => {
    const headers = { "retry-after": "2", "x-ratelimit-reset": "9" };
    expect(retryDelayMs(0, 1000, status(429, headers), NOW)).toBe(2000);
  });

  test("falls back to the backoff when the headers are unusable or past", () => {
    const unusable: Record<string, string>[] = [
      { "retry-after": "soon" },
      { "x-ratelimit-reset": String(NOW / 1000 - 5) },
    ];
    for (const headers of unusable) {
      const delay = retryDelayMs(1, 100, status(429, headers), NOW);
      expect(delay).toBeGreaterThanOrEqual(180);
      expect(delay).toBeLessThanOrEqual(220);
    }
  });
});
