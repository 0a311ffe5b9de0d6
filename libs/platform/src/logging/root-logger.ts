import pino, { type Logger } from 'pino';
import { PinoLogger } from 'nestjs-pino';

let fallback: Logger | undefined;

/**
 * The app's root pino logger (set up by {@link LoggingModule}), or a plain JSON logger outside Nest
 * (scripts, tests). For components that log outside a request, such as Kafka consumers.
 */
export function rootLogger(bindings?: Record<string, unknown>): Logger {
  const root = PinoLogger.root ?? (fallback ??= pino({ level: process.env.LOG_LEVEL ?? 'info' }));
  return bindings ? root.child(bindings) : root;
}
