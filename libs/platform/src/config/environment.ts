import { cleanEnv, num, port, str, url, makeValidator, EnvError } from 'envalid';
import { parseAllowedAddresses } from '../net/address-allow-list';

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

/** An API key in the product's format, `tm_<8 hex>_<43 base64url>` (256 random bits): no weak bootstrap keys. */
const apiKey = makeValidator<string>((input) => {
  if (!/^tm_[0-9a-f]{8}_[A-Za-z0-9_-]{43}$/.test(String(input)))
    throw new EnvError(
      'expected an API key tm_<8 hex>_<43 base64url characters> (generate one with `npx transfer-monitor keygen` or openssl)',
    );
  return String(input);
});

/** Comma-separated delays such as `5s,5m,30m,2h` (units ms, s, m, h, d), in ms: the webhook retry schedule. */
const durationList = makeValidator<number[]>((input) => {
  const units: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };
  const entries = String(input)
    .split(',')
    .map((e) => e.trim())
    .filter(Boolean);
  if (entries.length === 0) throw new EnvError('expected at least one delay, e.g. 5s,5m,30m');
  return entries.map((entry) => {
    const match = /^(\d+(?:\.\d+)?)(ms|s|m|h|d)$/.exec(entry);
    if (!match) throw new EnvError(`"${entry}" is not a delay such as 200ms, 5s, 30m, 2h or 1d`);
    return Math.round(Number(match[1]) * units[match[2]]);
  });
});

/** Comma-separated lower-case words with hyphens (e.g. alert kinds), at least one. */
const wordList = makeValidator<string[]>((input) => {
  const words = String(input)
    .split(',')
    .map((w) => w.trim())
    .filter(Boolean);
  if (words.length === 0) throw new EnvError('expected at least one word, e.g. name-match,ownership');
  for (const w of words) if (!/^[a-z][a-z-]*$/.test(w)) throw new EnvError(`"${w}" is not a lower-case word such as name-match`);
  return [...new Set(words)];
});

/** Comma-separated IP addresses and CIDR ranges (may be empty): an SSRF allow-list. */
const addressList = makeValidator<string[]>((input) => {
  try {
    return parseAllowedAddresses(String(input));
  } catch (error) {
    throw new EnvError((error as Error).message);
  }
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
  RELAY_POLL_INTERVAL_MS: num({ default: 20, desc: 'how often an idle outbox relay looks for new events (an indexed query)' }),
  BOOTSTRAP_ADMIN_KEY: apiKey({
    default: undefined,
    desc: 'an admin API key accepted without being in the database (tm_<8 hex>_<43 base64url>); create real keys with it',
  }),
  RATE_LIMIT_PER_MINUTE: num({ default: 1200, desc: 'requests per minute per API key' }),
  AUTH_FAILURES_PER_MINUTE: num({
    default: 20,
    desc: 'failed authentications (a key presented but not valid) per minute per client address (IPv6 by /64); past it the address gets 429 for a minute without its keys being looked up',
  }),
  API_KEY_CACHE_TTL_MS: num({
    default: 1_000,
    desc: 'how long the API keeps a looked-up API key in memory (0 = look up every request); a revocation through another API instance takes effect within it',
  }),
  API_PORT: port({ default: 3000 }),
  PROCESSOR_PORT: port({ default: 3001 }),
  RELAY_PORT: port({ default: 3002 }),
  PROJECTOR_PORT: port({ default: 3003 }),
  SCREENING_PORT: port({ default: 3004 }),
  NOTIFIER_PORT: port({ default: 3005 }),
  API_BODY_LIMIT_BYTES: num({ default: 1_048_576, desc: 'largest JSON request body the API reads; larger ones get 413' }),
  API_HEADERS_TIMEOUT_MS: num({
    default: 10_000,
    desc: "time a client has to send a request's headers; the connection is then closed with 408",
  }),
  API_REQUEST_TIMEOUT_MS: num({
    default: 30_000,
    desc: 'time a client has to send a whole request, body included; the connection is then closed with 408 (a slow client cannot hold a connection)',
  }),
  COMMAND_PUBLISH_TIMEOUT_MS: num({
    default: 3_000,
    desc: 'how long the API waits for the broker to take a command before answering 503 with Retry-After',
  }),
  PROJECTOR_BATCH_SIZE: num({
    default: 200,
    desc: 'consecutive events of a partition the projector applies in one transaction (1 = a transaction per event)',
  }),
  PROCESSOR_BATCH_SIZE: num({
    default: 100,
    desc: 'consecutive report commands of a partition the processor runs in one transaction (a savepoint each; 1 = a transaction per command)',
  }),
  COMMAND_CONFLICT_RETRIES: num({
    default: 5,
    desc: 'reloads of an aggregate after an expected-version conflict before the processor rejects the command',
  }),
  SANCTIONS_IMPORT_DIR: str({
    default: 'data/sanctions',
    desc: 'folder (relative to the working directory, or absolute) that list imports may read files from',
  }),
  SANCTIONS_DOWNLOAD_MAX_BYTES: num({ default: 200 * 1024 * 1024, desc: 'largest sanctions-list file or download an import reads' }),
  SANCTIONS_DOWNLOAD_TIMEOUT_MS: num({ default: 120_000, desc: 'time allowed for downloading one sanctions-list file' }),
  SANCTIONS_DOWNLOAD_ALLOWED_ADDRESSES: addressList({
    default: [],
    desc: 'IP addresses and CIDR ranges list downloads may connect to although private or loopback (SSRF allow-list), comma-separated',
  }),
  SCREENING_THRESHOLD: num({ default: 0.85, desc: 'lowest match score in [0, 1] that raises an alert (the screening core default)' }),
  SCREENING_ALERT_KINDS: wordList({
    default: ['name-match', 'ownership', 'possible-diversion', 'front-company', 'misdeclared-goods'],
    desc: 'alert kinds the screening app decides, comma-separated (default all); a kind left out is neither raised nor superseded by re-screening, its alerts stay as they are',
  }),
  DIVERSION_WINDOW_DAYS: num({
    default: 365,
    desc: 'most days from the end of an A → B transfer to the start of a B → C transfer of the same category for a possible-diversion alert',
  }),
  DIVERSION_PROGRAM_MIN_ENTRIES: num({
    default: 100,
    desc: 'fewest entries in force of a country under a sanctions program for the program to count as targeting it (possible-diversion)',
  }),
  DIVERSION_PROGRAM_MIN_SHARE: num({
    default: 0.5,
    desc: "least share, in (0, 1], of a program's entry countries that must be the country for the program to count as targeting it",
  }),
  CHPL_SURGE_WINDOW_DAYS: num({
    default: 90,
    desc: 'days in a window of the CHPL tier 1–2 surge rule (windows counted from 1970-01-01); a possible-diversion alert when a window beats the baseline',
  }),
  CHPL_SURGE_BASELINE_WINDOWS: num({
    default: 4,
    desc: 'windows right before a window whose mean count of CHPL tier 1–2 claims into the country is its baseline',
  }),
  CHPL_SURGE_FACTOR: num({
    default: 3,
    desc: "least ratio of a window's CHPL tier 1–2 claims into a country to its baseline mean for a surge",
  }),
  CHPL_SURGE_MIN_CLAIMS: num({
    default: 3,
    desc: 'fewest CHPL tier 1–2 claims into a country in a window for a surge, whatever the baseline',
  }),
  WEBHOOK_RETRY_SCHEDULE: durationList({
    default: [5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000],
    desc: 'delays between webhook attempts, e.g. 5s,5m,30m,2h,5h,10h,10h (about a day); once exhausted the delivery fails and the subscription is disabled',
  }),
  WEBHOOK_RETRY_JITTER: num({ default: 0.2, desc: 'spread of each retry delay, as a fraction of it (0.2 = ±20%)' }),
  WEBHOOK_TIMEOUT_MS: num({ default: 10_000, desc: 'time allowed for one webhook POST (connect, send, response)' }),
  WEBHOOK_RESPONSE_MAX_BYTES: num({ default: 65_536, desc: 'bytes of a subscriber response the notifier reads at most' }),
  WEBHOOK_ALLOWED_ADDRESSES: addressList({
    default: [],
    desc: 'IP addresses and CIDR ranges (10.0.0.0/8, fd00::/8) webhook targets may resolve to although private or loopback (SSRF allow-list), comma-separated',
  }),
  WEBHOOK_SECRET_GRACE_HOURS: num({ default: 24, desc: 'hours a rotated-out webhook signing secret still signs' }),
  WEBHOOK_POLL_INTERVAL_MS: num({
    default: 200,
    desc: 'how often an idle notifier looks for due deliveries (retries); new ones wake it at once',
  }),
  ALERT_PROJECTION_POLL_INTERVAL_MS: num({
    default: 50,
    desc: 'how often an idle notifier looks for new alert events in the event store (one indexed query)',
  }),
  WEBHOOK_CONCURRENCY: num({ default: 10, desc: 'deliveries one notifier sends at once' }),
} as const;

export type Environment = Readonly<ReturnType<typeof cleanEnv<typeof environmentSpec>>>;

export class ConfigurationError extends Error {}

/**
 * Validates `source` (default `process.env`) against {@link environmentSpec}.
 * @throws ConfigurationError naming every missing or invalid variable and its rule.
 */
export function loadEnvironment(source: NodeJS.ProcessEnv = process.env): Environment {
  // A plain frozen copy: envalid's strict proxy throws on any unknown key, and Nest probes providers for hooks.
  return Object.freeze({
    ...cleanEnv(source, environmentSpec, {
      reporter: ({ errors }) => {
        const problems = Object.entries(errors).map(([name, error]) => `${name}: ${(error as Error).message}`);
        if (problems.length > 0) {
          throw new ConfigurationError(`invalid configuration: ${problems.join('; ')}`);
        }
      },
    }),
  });
}
