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

/** Runs stack operations capturing each one's CLI output, keeping every transcript for later searches. */
export function transcriptRecorder() {
  const transcripts: string[] = [];
  async function run<T>(
    operation: (onOutput: (out: string) => void) => Promise<T>,
  ): Promise<{ result: T; output: string }> {
    const output = captureOutput();
    const result = await operation(output.onOutput);
    transcripts.push(output.text());
    return { result, output: output.text() };
  }
  return { run, transcripts };
}
