import { cleanEnv, num, port, str, url, makeValidator, EnvError } from 'envalid';

/** Comma-separated `host:port` list, e.g. `127.0.0.1:9092,127.0.0.1:9093`. */
const brokerList = makeValidator<string[]>((input) => {
  const brokers = String(input)
    .split(',')
    .map((b) => b.trim())
    .filter(Boolean);
  if (brokers.length === 0) throw new EnvError('expected at least one host:port');
  for (const broker of brokers) {
    if (!/^[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(broker)) throw new EnvError(`"${broker}" is not host:port`);
  }
  return brokers;
});

const postgresUrl = makeValidator<string>((input) => {
  const value = url()._parse(input);
  if (!/^postgres(ql)?:$/.test(new URL(value).protocol)) throw new EnvError('expected a postgres:// URL');
  return value;
});

/**
 * Every environment variable the apps read, validated once at start-up (envalid).
 * A missing or malformed variable stops the process with a message naming it.
 * The README's configuration table documents the same list.
 */
export const environmentSpec = {
  NODE_ENV: str({ choices: ['development', 'test', 'production'], default: 'development' }),
  LOG_LEVEL: str({ choices: ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], default: 'info' }),
  DATABASE_URL: postgresUrl({ desc: 'PostgreSQL connection URL (postgres://user:password@host:port/database)' }),
  DATABASE_POOL_SIZE: num({ default: 10 }),
  KAFKA_BROKERS: brokerList({ desc: 'Kafka bootstrap brokers, comma-separated host:port' }),
  KAFKA_CLIENT_ID: str({ default: 'transfer-monitor' }),
  KAFKA_TOPIC_PREFIX: str({ default: 'tm.', desc: 'prefix of every topic name (lets several deployments share a cluster)' }),
  KAFKA_COMMAND_PARTITIONS: num({ default: 6 }),
  KAFKA_EVENT_PARTITIONS: num({ default: 6 }),
  KAFKA_REPLICATION_FACTOR: num({ default: 1 }),
  KAFKA_CONNECT_TIMEOUT_MS: num({ default: 10_000 }),
  HTTP_HOST: str({ default: '127.0.0.1', desc: 'interface the HTTP server listens on' }),
  SHUTDOWN_TIMEOUT_MS: num({ default: 15_000, desc: 'time allowed for in-flight work at shutdown' }),
  STARTUP_CHECK_TIMEOUT_MS: num({ default: 15_000, desc: 'time to wait for PostgreSQL and Kafka at start-up' }),
  RELAY_BATCH_SIZE: num({ default: 500, desc: 'events the outbox relay reads and publishes per batch' }),
  RELAY_POLL_INTERVAL_MS: num({ default: 100, desc: 'how often an idle outbox relay looks for events it was not notified of' }),
  API_PORT: port({ default: 3000 }),
  PROCESSOR_PORT: port({ default: 3001 }),
  RELAY_PORT: port({ default: 3002 }),
  PROJECTOR_PORT: port({ default: 3003 }),
  SCREENING_PORT: port({ default: 3004 }),
  NOTIFIER_PORT: port({ default: 3005 }),
  API_BODY_LIMIT_BYTES: num({ default: 1_048_576, desc: 'largest JSON request body the API reads; larger ones get 413' }),
  COMMAND_PUBLISH_TIMEOUT_MS: num({ default: 3_000, desc: 'how long the API waits for the broker to take a command before answering 503 with Retry-After' }),
  COMMAND_CONFLICT_RETRIES: num({ default: 5, desc: 'reloads of an aggregate after an expected-version conflict before the processor rejects the command' }),
} as const;

export type Environment = Readonly<ReturnType<typeof cleanEnv<typeof environmentSpec>>>;

export class ConfigurationError extends Error {}

/**
 * Validates `source` (default `process.env`) against {@link environmentSpec}.
 * @throws ConfigurationError naming every missing or invalid variable and its rule.
 */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  // A plain frozen copy: envalid's strict proxy throws on any unknown key, and Nest probes providers for hooks.
  return Object.freeze({ ...cleanEnv(source, environmentSpec, {
    reporter: ({ errors }) => {
      const problems = Object.entries(errors).map(([name, error]) => `${name}: ${(error as Error).message}`);
      if (problems.length > 0) {
        throw new ConfigurationError(`invalid configuration: ${problems.join('; ')}`);
      }
    },
  }) });
}
