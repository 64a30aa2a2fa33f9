/** The emulator's clock as a poller sees it: `sleep` moves it forward over the admin API instead of waiting. */

export interface VirtualClock {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
}

interface ClockView {
  offset_ms: number;
}

/** The emulator's clock is wall time plus an offset, so tracking the offset gives the same `now` here. */
export async function emulatorClock(url: string): Promise<VirtualClock> {
  let offsetMs = (await send(url, "GET")).offset_ms;
  return {
    now: () => Date.now() + offsetMs,
    sleep: async (ms) => {
      offsetMs = (await send(url, "POST", { advance_ms: ms })).offset_ms;
    },
  };
}

async function send(url: string, method: string, body?: unknown): Promise<ClockView> {
  const response = await fetch(`${url}/_emulator/clock`, {
    method,
    headers: body === undefined ? {} : { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${method} /_emulator/clock answered ${response.status}`);
  return (await response.json()) as ClockView;
}
