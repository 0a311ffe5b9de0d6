/** A failure the CLI reports as one line on stderr with a non-zero exit code (never a stack trace). */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode = 1,
  ) {
    super(message);
  }
}
