import { ConfigurationError, loadEnvironment } from './environment';

describe('loadEnvironment', () => {
  it('names every bad variable and its rule', () => {
    expect(() => loadEnvironment({ DATABASE_URL: 'mysql://db', KAFKA_BROKERS: 'broker-without-port', API_PORT: 'eighty' })).toThrow(
      new ConfigurationError(
        'invalid configuration: DATABASE_URL: expected a postgres:// URL; KAFKA_BROKERS: "broker-without-port" is not host:port; API_PORT: Invalid port input: "eighty"',
      ),
    );
  });

  it('names a missing required variable', () => {
    expect(() => loadEnvironment({ KAFKA_BROKERS: '127.0.0.1:9092' })).toThrow(/DATABASE_URL/);
  });

  it('parses brokers and applies defaults', () => {
    const env = loadEnvironment({ DATABASE_URL: 'postgres://u:p@localhost:5432/tm', KAFKA_BROKERS: 'a:9092, b:9093' });
    expect(env.KAFKA_BROKERS).toEqual(['a:9092', 'b:9093']);
    expect(env.KAFKA_TOPIC_PREFIX).toBe('tm.');
    expect(env.API_PORT).toBe(3000);
  });
});
