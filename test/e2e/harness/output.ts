export interface CapturedOutput {
  /** Pass as `onOutput` to `up`, `preview`, `refresh` or `destroy`. */
  onOutput: (chunk: string) => void;
  /** Everything captured so far. */
  text: () => string;
}

export function captureOutput(): CapturedOutput {
  const chunks: string[] = [];
  return { onOutput: (chunk) => chunks.push(chunk), text: () => chunks.join("") };
}
