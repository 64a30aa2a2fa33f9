/** Progress for the `pulumi up` display: the engine shows what the provider process prints. */
export function report(message: string): void {
  if (!process.stdout.listeners("error").includes(exitOnBrokenPipe))
    process.stdout.on("error", exitOnBrokenPipe);
  console.log(`cohere: ${message}`);
}

/**
 * The engine reads this process's output. Once that pipe is broken the engine is gone (killed), nothing can be
 * reported or returned any more, and Pulumi's dynamic provider host would otherwise spin forever logging EPIPE
 * errors to the equally broken stderr, growing by gigabytes. Whatever Cohere is doing carries on; the next
 * `pulumi up` finds it.
 */
function exitOnBrokenPipe(error: NodeJS.ErrnoException): void {
  if (error.code === "EPIPE") process.exit(1);
}
