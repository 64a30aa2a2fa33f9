/** How the tables print quantities. */

export const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
export const mib = (kib: number) => `${(kib / 1024).toFixed(1)} MiB`;
export const bytes = (count: number) => `${count.toLocaleString("en-US")} B`;
export const times = (ratio: number) => `${ratio.toFixed(2)}×`;
