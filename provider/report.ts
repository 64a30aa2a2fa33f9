/** Progress for the `pulumi up` display: the engine shows what the provider process prints. */
export function report(message: string): void {
  console.log(`cohere: ${message}`);
}
