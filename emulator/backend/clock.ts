/**
 * Wall time plus an offset the admin API can advance, so long trainings can be simulated in a test.
 * It never goes backwards (even if the system clock does), so creation order is time order.
 */
export class EmulatorClock {
  private last = 0;

  constructor(private offsetMs = 0) {}

  now(): number {
    this.last = Math.max(this.last, Date.now() + this.offsetMs);
    return this.last;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }

  get offset(): number {
    return this.offsetMs;
  }
}

export function rfc3339(ms: number): string {
  return new Date(ms).toISOString();
}
