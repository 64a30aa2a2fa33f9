import { redactText } from "./redact";

/** One line per event on stdout when enabled; every line passes through redaction first. */
export class Logger {
  constructor(
    private readonly enabled: boolean,
    private readonly secrets: readonly string[],
  ) {}

  /** Lets hot paths skip building a message nobody will read. */
  get isEnabled(): boolean {
    return this.enabled;
  }

  info(message: string): void {
    if (!this.enabled) return;
    process.stdout.write(`[cohere-emulator] ${redactText(message, this.secrets)}\n`);
  }
}
