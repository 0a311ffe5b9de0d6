/** The signals on which an app shuts down gracefully (Nest's `enableShutdownHooks`). */
export const SHUTDOWN_SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/**
 * Bounds a graceful shutdown by `SHUTDOWN_TIMEOUT_MS`: from the first SIGTERM or SIGINT, the app's shutdown hooks
 * (stop consuming, finish and commit in-flight work, close the HTTP server) have `timeoutMs`; past it `onTimeout` runs
 * (the app logs and exits with code 1), so a stuck handler or a client holding a connection open cannot keep a
 * deployment or `npm start` waiting. The timer does not keep the process alive once the work is done.
 * @param target the process (an EventEmitter in tests).
 */
export function armShutdownDeadline(
  timeoutMs: number,
  onTimeout: (signal: string) => void,
  target: Pick<NodeJS.Process, 'once' | 'removeListener'> = process,
): void {
  const arm = (signal: string) => {
    for (const other of SHUTDOWN_SIGNALS) target.removeListener(other, arm);
    setTimeout(() => onTimeout(signal), timeoutMs).unref();
  };
  for (const signal of SHUTDOWN_SIGNALS) target.once(signal, arm);
}
