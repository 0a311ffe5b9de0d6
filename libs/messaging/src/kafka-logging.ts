import { logLevel, type LogEntry } from 'kafkajs';
import type { Logger } from 'pino';

const levels: Record<number, 'error' | 'warn' | 'info' | 'debug'> = {
  [logLevel.ERROR]: 'error',
  [logLevel.WARN]: 'warn',
  [logLevel.INFO]: 'info',
  [logLevel.DEBUG]: 'debug',
};

// Answers a broker gives while it starts or moves a coordinator; kafkajs retries them, so they are not errors.
const expectedWhileStarting =
  /coordinator is loading|not the correct coordinator|coordinator is not available|already exists|leader is not available/i;

/**
 * A consumer group rebalancing (a member joined, left or was restarted): the broker answers Heartbeat, OffsetCommit or
 * SyncGroup with REBALANCE_IN_PROGRESS, ILLEGAL_GENERATION or UNKNOWN_MEMBER_ID and kafkajs re-joins the group on its
 * own. These are kafkajs' messages (protocol/error.js, consumer/runner.js); they mean normal operation, so info.
 */
const rebalancing = /group is rebalancing|generation id is not valid|coordinator is not aware of this member/i;

/** The level a kafkajs line is logged at: its own, except for the expected answers above. */
export function kafkaLineLevel(level: logLevel, message: string, error: unknown): 'error' | 'warn' | 'info' | 'debug' {
  const text = `${message} ${String(error ?? '')}`;
  if (level === logLevel.ERROR || level === logLevel.WARN) {
    if (rebalancing.test(text)) return 'info';
    if (level === logLevel.ERROR && expectedWhileStarting.test(String(error ?? ''))) return 'debug';
  }
  return levels[level] ?? 'info';
}

/** Routes kafkajs' own log lines into the app's structured logger (looked up per line: it may be set up later). */
export function kafkaLogCreator(logger: () => Pick<Logger, 'error' | 'warn' | 'info' | 'debug'>) {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _timestamp, logger: _logger, ...extra } = log;
      logger()[kafkaLineLevel(level, message, extra.error)]({ kafka: namespace, ...extra }, message);
    };
}
