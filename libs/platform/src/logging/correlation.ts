import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';

/**
 * Runs `work` with a logger bound to `correlationId`, so that every log line a message handler writes
 * (through an injected `PinoLogger`) carries the id of the HTTP request or command that caused it.
 */
export function withCorrelation<T>(correlationId: string | undefined, work: () => Promise<T>): Promise<T> {
  const root = PinoLogger.root;
  if (!root || !correlationId) return work();
  return storage.run(new Store(root.child({ correlationId })), work);
}
