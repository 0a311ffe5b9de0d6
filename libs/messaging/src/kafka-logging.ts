import { logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// Answers a broker gives while it starts or moves a coordinator; kafkajs retries them, so they are not errors.
const expectedWhileStarting = /coordinator is loading|not the correct coordinator|coordinator is not available|already exists|leader is not available/i;

/** Routes kafkajs' own log lines into the app's structured logger (looked up per line: it may be set up later). */
export function kafkaLogCreator(logger: () => Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
      const quiet = level === logLevel.ERROR && expectedWhileStarting.test(String(extra.error ?? ''));
      logger()[quiet ? 'debug' : (levels[level] ?? 'info')]({ kafka: namespace, ...extra }, message);
    };
}
