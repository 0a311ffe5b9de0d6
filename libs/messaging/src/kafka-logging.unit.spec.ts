import { logLevel } from 'kafkajs';
import { kafkaLogCreator } from './kafka-logging';

/** Feeds one kafkajs log entry through the log creator and returns the level it was logged at. */
function levelOf(level: logLevel, namespace: string, message: string, error?: string): string {
  const calls: string[] = [];
  const record = (name: string) => () => void calls.push(name);
  const logger = { error: record('error'), warn: record('warn'), info: record('info'), debug: record('debug') };
  kafkaLogCreator(() => logger)()({ namespace, level, label: 'ERROR', log: { timestamp: '', logger: 'kafkajs', message, error } });
  return calls.join(',');
}

describe('kafkajs log levels', () => {
  it('logs a consumer-group rebalance as info (a second projector joining printed nine errors)', () => {
    expect(
      levelOf(logLevel.ERROR, 'Connection', 'Response Heartbeat(key: 12, version: 3)', 'The group is rebalancing, so a rejoin is needed'),
    ).toBe('info');
    expect(
      levelOf(logLevel.ERROR, 'Connection', 'Response OffsetCommit(key: 8, version: 5)', 'The group is rebalancing, so a rejoin is needed'),
    ).toBe('info');
    expect(
      levelOf(logLevel.ERROR, 'Connection', 'Response Heartbeat(key: 12, version: 3)', 'Specified group generation id is not valid'),
    ).toBe('info');
    expect(
      levelOf(logLevel.WARN, 'Runner', 'The group is rebalancing, re-joining', 'The group is rebalancing, so a rejoin is needed'),
    ).toBe('info');
    expect(
      levelOf(
        logLevel.ERROR,
        'Runner',
        'The coordinator is not aware of this member, re-joining the group',
        'The coordinator is not aware of this member',
      ),
    ).toBe('info');
  });

  it('keeps other errors as errors and quietens a coordinator that is loading', () => {
    expect(
      levelOf(
        logLevel.ERROR,
        'Connection',
        'Response Produce(key: 0, version: 7)',
        'This server is not the leader for that topic-partition',
      ),
    ).toBe('error');
    expect(levelOf(logLevel.ERROR, 'Connection', 'Connection error: connect ECONNREFUSED 127.0.0.1:9092')).toBe('error');
    expect(
      levelOf(
        logLevel.ERROR,
        'Connection',
        'Response FindCoordinator(key: 10, version: 2)',
        "The coordinator is loading and hence can't process requests",
      ),
    ).toBe('debug');
    expect(levelOf(logLevel.INFO, 'Consumer', 'Starting')).toBe('info');
  });
});
