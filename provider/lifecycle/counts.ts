/** Counts as the progress lines print them. */

/** "1 epoch", "3 epochs", "1,200 tokens". */
export function countOf(count: number, unit: string): string {
  return `${grouped(count)} ${count === 1 ? unit : `${unit}s`}`;
}

/** 1234567 as "1,234,567". Not toLocaleString: its locale data adds about 7 MiB to the provider process. */
export function grouped(count: number): string {
  return String(Math.round(count)).replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}
