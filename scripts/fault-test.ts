/**
 * `npm run test:fault`: the crash-and-outage fault test (issue 8).
 *
 * Starts its own PostgreSQL and Kafka broker (data under `.local/fault`, fresh each run) and every app as its own
 * process, imports the 2024 OFAC SDN, subscribes a local webhook receiver to alerts, then drives a steady load of
 * report submissions while it SIGKILLs apps at random moments (a supervisor restarts them, as an orchestrator would),
 * restarts the Kafka broker once and PostgreSQL once. The load behaves like a real client: every POST carries an
 * `Idempotency-Key` and is retried with the same key on 503 (honouring `Retry-After`), 5xx, refused connections and
 * timeouts. After the load it waits until the system is quiescent and reconciles:
 *
 * 1. every accepted command succeeded once and produced exactly one `ReportSubmitted`;
 * 2. every ledger row equals the fold of the event store (`readAll` → `foldReport` → `foldLedger`);
 * 3. every report naming the sanctioned person has exactly one alert per list entry it matches, the others none; every
 *    diversion route `findDiversionRoutes` finds among the stored claims has exactly one `possible-diversion` alert in
 *    force with that basis, and no other;
 *    likewise every front company (`FrontCompanyIndex.screen` over the lists in force) and every misdeclared item
 *    (`screenMisdeclaredGoods`: the examples' Su-27 claim declared civil-aviation) among the stored reports;
 * 4. every alert message was delivered to the receiver (signature verified) under one stable `webhook-id`;
 * 5. the API answered 503 with `Retry-After` while the broker was down, and accepted nothing new then (a retry of a
 *    command an earlier try published is answered 202 from the store, without the broker);
 *
 * Prints a table of counts; exits 0 when every check passes, 1 naming the failed checks otherwise. Everything it
 * started is stopped on the way out, failure included.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createWriteStream, mkdirSync, readdirSync, readFileSync, type WriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { isDeepStrictEqual, parseArgs } from 'node:util';
import Table from 'cli-table3';
import { Kafka, logLevel } from 'kafkajs';
import type { Pool } from 'pg';
import { Webhook } from 'standardwebhooks';
import { createPgPool, runMigrations } from '@tm/database';
import {
  diversionRouteKey,
  findChplSurges,
  findDiversionRoutes,
  REPORT_STREAM_TYPE,
  transferLegsOf,
  type DiversionBasisV1,
  type TransferLeg,
} from '@tm/domain';
import { readAll, START, type Checkpoint, type StoredEvent } from '@tm/event-store';
import {
  freePort,
  localDir,
  repoRoot,
  startLocalKafka,
  startLocalPostgres,
  stopStaleKafka,
  stopStaleStack,
  type LocalKafka,
  type LocalPostgres,
} from '@tm/local-stack';
import { createTopics, topicNames } from '@tm/messaging';
import { APP_PORT_VARIABLES, loadEnvironment, type AppName } from '@tm/platform';
import {
  activeProjectionVersion,
  foldLedger,
  foldReport,
  ledgerKeyString,
  withLedgerMembers,
  type ClaimState,
  type StoredLedgerRow,
} from '@tm/read-models';
import { importSanctionsList, loadFrontCompanyIndex, loadProgramTargets, loadScreeningIndex } from '@tm/sanctions';
import { BUNDLED_LISTS, screenMisdeclaredGoods, type ScreenableReport } from '@tm/screening';
import { readModelsGroup } from '../apps/projector/src/read-models/read-models.handler';

// ---------------------------------------------------------------------------------------------------------------
// Settings

const REPORTS = Number(process.env.FAULT_REPORTS ?? 480);
const LOAD_SECONDS = Number(process.env.FAULT_LOAD_SECONDS ?? 80);
const FLAGGED_EVERY = 10; // about 1 report in 10 names the sanctioned person
const SANCTIONED = { name: 'Alexander Lukashenko', type: 'person' };
const APPS = Object.keys(APP_PORT_VARIABLES) as App[];
type App = AppName;
const options = parseArgs({ options: { instances: { type: 'string', default: '1' }, brokers: { type: 'string', default: '1' } } }).values;
/** Processes per consuming app (`--instances N`): one consumer group (or relay lock) shared by N processes. The API stays one. */
const INSTANCES = Number(options.instances);
if (!Number.isInteger(INSTANCES) || INSTANCES < 1 || INSTANCES > 4)
  throw new Error(`--instances must be an integer 1-4, got ${options.instances}`);
/**
 * Kafka brokers (`--brokers 3`): one broker restarted whole (the API must answer 503), or a KRaft cluster of three
 * (topics with replication factor 3, `min.insync.replicas` 2) of which one broker is SIGKILLed under load and
 * started again (the API must go on accepting).
 */
const BROKERS = Number(options.brokers);
if (BROKERS !== 1 && BROKERS !== 3) throw new Error(`--brokers must be 1 or 3, got ${options.brokers}`);
const CLUSTER = BROKERS > 1;

/** One app process the supervisor runs: `processor` with one instance each, `processor-1`, `processor-2` … with more. */
interface Unit {
  name: string;
  app: App;
  port: number;
}
const READY_TIMEOUT_MS = Number(process.env.FAULT_READY_TIMEOUT_MS ?? 120_000); // an app's start (more on a crowded machine)
const QUIESCENT_TIMEOUT_MS = 150_000;
const CLIENT_GIVE_UP_MS = 150_000; // after the load: a request not accepted by then counts as lost
const COUNTRIES = ['CN', 'RU', 'BY', 'IR', 'KP', 'IN', 'TR', 'RS', 'VN', 'MM', 'SY', 'VE', 'ER', 'DZ', 'EG', 'UA', 'US', 'DE', 'FR', 'GB'];

/** `.local/fault`, or for the other modes `.local/fault-instances-2`, `.local/fault-brokers-3`… (runs of two modes do not meet). */
const root = localDir(
  ['fault', ...(INSTANCES > 1 ? [`instances-${INSTANCES}`] : []), ...(CLUSTER ? [`brokers-${BROKERS}`] : [])].join('-'),
);
/** The compiled tree this script runs from (`dist/` after `npm run build`): the apps are started from it too. */
const compiledRoot = join(__dirname, '..');
const logDir = join(root, 'logs');
const started = Date.now();
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
const random = (min: number, max: number) => min + Math.random() * (max - min);
const pick = <T>(items: readonly T[]): T => items[Math.floor(Math.random() * items.length)]!;
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)}s`;

function log(message: string): void {
  process.stdout.write(`[fault ${elapsed()}] ${message}\n`);
}

// ---------------------------------------------------------------------------------------------------------------
// Services and apps

/** Every app process ever started, for the last-resort cleanup. */
const allChildren = new Set<ChildProcess>();

/** Kills a PostgreSQL or Kafka still running from this stack folder (after a failed stop, or on a signal). */
function killLeftoverServices(): void {
  try {
    stopStaleStack(root);
    for (let i = 0; i < BROKERS; i++) stopStaleKafka(kafkaDir(i));
  } catch {
    // nothing left
  }
}

interface Ports {
  postgres: number;
  kafka: number[];
  kafkaController: number[];
  receiver: number;
}

const kafkaDir = (node: number) => join(root, CLUSTER ? `kafka-${node + 1}` : 'kafka');

class Services {
  postgres?: LocalPostgres;
  readonly kafkaNodes: Array<LocalKafka | undefined> = [];
  private readonly clusterId = randomBytes(16).toString('base64url');
  private readonly pgLog: WriteStream;

  constructor(private readonly ports: Ports) {
    this.pgLog = createWriteStream(join(logDir, 'postgres.log'), { flags: 'a' });
  }

  async startPostgres(): Promise<void> {
    this.postgres = await startLocalPostgres({
      dataDir: join(root, 'postgres'),
      port: this.ports.postgres,
      database: 'transfer_monitor',
      log: (line) => this.pgLog.write(`${line}\n`),
    });
  }

  /** `127.0.0.1:<port>` of every broker, running or not. */
  get brokers(): string[] {
    return this.ports.kafka.map((port) => `127.0.0.1:${port}`);
  }

  async startKafka(): Promise<void> {
    await Promise.all(this.ports.kafka.map((_, node) => this.startKafkaNode(node)));
  }

  async startKafkaNode(node: number): Promise<void> {
    const voters = this.ports.kafkaController.map((port, i) => `${i + 1}@127.0.0.1:${port}`).join(',');
    this.kafkaNodes[node] = await startLocalKafka({
      dataDir: kafkaDir(node),
      cacheDir: localDir('kafka-runtime'),
      port: this.ports.kafka[node]!,
      controllerPort: this.ports.kafkaController[node]!,
      heapMb: 512,
      startTimeoutMs: 90_000,
      cluster: CLUSTER ? { nodeId: node + 1, voters, clusterId: this.clusterId, replicationFactor: BROKERS } : undefined,
    });
  }

  /** SIGKILLs one broker's JVM (a crash, no controlled shutdown). */
  killKafkaNode(node: number): void {
    stopStaleKafka(kafkaDir(node));
    this.kafkaNodes[node] = undefined;
  }

  async stopPostgres(): Promise<void> {
    const pg = this.postgres;
    this.postgres = undefined;
    await pg?.stop();
  }

  async stopKafka(): Promise<void> {
    const nodes = this.kafkaNodes.splice(0);
    await Promise.all(nodes.map((node) => node?.stop()));
  }

  async stopAll(): Promise<void> {
    await Promise.allSettled([this.stopKafka(), this.stopPostgres()]);
    this.pgLog.end();
  }
}

/**
 * Runs each app instance as a child process and restarts it when it dies (after a short random delay), like an
 * orchestrator. (Not `AppSupervisor` of `@tm/local-stack`: this one restarts at once rather than with a growing backoff,
 * gives each instance its own port, and counts kills and restarts.)
 */
class Supervisor {
  readonly kills: Record<string, number>;
  readonly selfExits: Record<string, number>;
  readonly restarts: Record<string, number>;
  private readonly children = new Map<string, ChildProcess>();
  private readonly killed = new Set<ChildProcess>();
  private readonly logs = new Map<string, WriteStream>();
  private stopping = false;

  constructor(
    private readonly env: NodeJS.ProcessEnv,
    readonly units: readonly Unit[],
  ) {
    const zeros = () => Object.fromEntries(units.map((u) => [u.name, 0])) as Record<string, number>;
    this.kills = zeros();
    this.selfExits = zeros();
    this.restarts = zeros();
  }

  unit(name: string): Unit {
    return this.units.find((u) => u.name === name)!;
  }

  start(unit: Unit): void {
    if (this.stopping) return;
    let file = this.logs.get(unit.name);
    if (!file) this.logs.set(unit.name, (file = createWriteStream(join(logDir, `${unit.name}.log`), { flags: 'a' })));
    const child = spawn(process.execPath, [join(compiledRoot, 'apps', unit.app, 'src', 'main.js')], {
      cwd: repoRoot(),
      env: { ...this.env, [APP_PORT_VARIABLES[unit.app]]: String(unit.port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.pipe(file, { end: false });
    child.stderr!.pipe(file, { end: false });
    this.children.set(unit.name, child);
    allChildren.add(child);
    child.once('exit', (code, signal) => {
      file.write(`--- [fault-test] ${unit.name} (pid ${child.pid}) exited: ${signal ?? code}\n`);
      if (this.stopping) return;
      const byUs = this.killed.delete(child);
      if (!byUs) {
        this.selfExits[unit.name] += 1;
        log(`${unit.name} exited by itself (${signal ?? code}); restarting`);
      }
      this.restarts[unit.name] += 1;
      setTimeout(() => this.start(unit), byUs ? random(200, 2_000) : 1_000);
    });
  }

  /** SIGKILLs the instance's current process (the supervisor then restarts it). */
  kill(name: string): boolean {
    const child = this.children.get(name);
    if (!child || child.exitCode !== null || child.signalCode !== null) return false;
    this.killed.add(child);
    child.kill('SIGKILL');
    this.kills[name] += 1;
    return true;
  }

  readyUrl(unit: Unit): string {
    return `http://127.0.0.1:${unit.port}/health/ready`;
  }

  async isReady(unit: Unit): Promise<boolean> {
    try {
      return (await fetch(this.readyUrl(unit), { signal: AbortSignal.timeout(2_000) })).ok;
    } catch {
      return false; // not listening (yet)
    }
  }

  async waitReady(units: readonly Unit[] = this.units, timeoutMs = READY_TIMEOUT_MS): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    for (const unit of units) {
      while (!(await this.isReady(unit))) {
        if (Date.now() > deadline)
          throw new Error(`${unit.name} was not ready within ${timeoutMs / 1000} s (see ${join(logDir, `${unit.name}.log`)})`);
        await sleep(250);
      }
    }
  }

  /** SIGTERM every app, SIGKILL what is left after 10 s. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    const alive = [...this.children.values()].filter((c) => c.exitCode === null && c.signalCode === null);
    await Promise.all(
      alive.map(
        (child) =>
          new Promise<void>((resolve) => {
            const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
            child.once('exit', () => {
              clearTimeout(timer);
              resolve();
            });
            child.kill('SIGTERM');
          }),
      ),
    );
    for (const file of this.logs.values()) file.end();
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Webhook receiver

class Receiver {
  /** webhook-id → distinct body hashes seen under it. */
  readonly bodies = new Map<string, Set<string>>();
  readonly deliveries = new Map<string, number>();
  received = 0;
  invalid = 0;
  refusedOnPurpose = 0;
  secret = '';
  private server?: Server;

  start(port: number): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const headers = Object.fromEntries(Object.entries(req.headers).map(([k, v]) => [k, Array.isArray(v) ? v.join(',') : (v ?? '')]));
        try {
          new Webhook(this.secret).verify(body, headers);
        } catch {
          this.invalid += 1;
          res.writeHead(400).end();
          return;
        }
        // A subscriber that fails now and then: the notifier must retry with the same webhook-id.
        if (Math.random() < 0.1) {
          this.refusedOnPurpose += 1;
          res.writeHead(503).end();
          return;
        }
        const id = headers['webhook-id']!;
        this.received += 1;
        this.deliveries.set(id, (this.deliveries.get(id) ?? 0) + 1);
        let hashes = this.bodies.get(id);
        if (!hashes) this.bodies.set(id, (hashes = new Set()));
        hashes.add(createHash('sha256').update(body).digest('hex'));
        res.writeHead(204).end();
      });
    });
    return new Promise((resolve) => this.server!.listen(port, '127.0.0.1', resolve));
  }

  stop(): Promise<void> {
    return new Promise((resolve) => {
      if (!this.server) return resolve();
      this.server.closeAllConnections();
      this.server.close(() => resolve());
    });
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Load

interface ClaimTemplate {
  kind: string;
  claimId: string;
  supplier: { country: string; entity?: unknown };
  recipient: { country: string; entity?: unknown };
  statement?: string;
  [key: string]: unknown;
}

/** The transfer claims of the worked examples, without named parties or statements (they are screened). */
function claimTemplates(): ClaimTemplate[] {
  const folder = join(repoRoot(), 'examples', 'reports');
  const claims: ClaimTemplate[] = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith('.json'))) {
    const example = JSON.parse(readFileSync(join(folder, file), 'utf8')) as { report: { claims: ClaimTemplate[] } };
    for (const claim of example.report.claims) {
      if (claim.kind !== 'transfer') continue;
      const { statement: _statement, ...rest } = claim;
      claims.push({ ...rest, supplier: { country: claim.supplier.country }, recipient: { country: claim.recipient.country } });
    }
  }
  if (claims.length === 0) throw new Error('no transfer claims in examples/reports');
  return claims;
}

const PUBLISHERS = ['Der Spiegel', 'The Wall Street Journal', 'Reuters', 'China Digital Times', 'Jamestown Foundation'];

function reportBody(n: number, flagged: boolean, templates: ClaimTemplate[]): Record<string, unknown> {
  const claims = [0, 1, 2].map((i) => {
    const template = structuredClone(pick(templates));
    const supplier = pick(COUNTRIES);
    let recipient = pick(COUNTRIES);
    while (recipient === supplier) recipient = pick(COUNTRIES);
    const claim: ClaimTemplate = {
      ...template,
      claimId: `fault-${n}-${i}`,
      supplier: { country: supplier },
      recipient: { country: recipient },
    };
    delete claim.dealKey;
    if (flagged && i === 0) claim.supplier = { country: 'BY', entity: SANCTIONED };
    if (claim.supplier.country === claim.recipient.country) claim.recipient = { country: claim.supplier.country === 'CN' ? 'RU' : 'CN' };
    return claim;
  });
  return {
    source: { publisher: pick(PUBLISHERS), title: `fault test report number ${n}`, publishedOn: '2023-03-01', sourceType: 'news' },
    sourceReliability: pick(['A', 'B', 'C']),
    text: `synthetic load report number ${n} for the fault test`,
    claims,
  };
}

interface Submission {
  n: number;
  flagged: boolean;
  key: string;
  body: string;
  commandId?: string;
  reportId?: string;
  attempts: number;
  failure?: string;
}

class LoadStats {
  posted = 0;
  attempts = 0;
  retries = 0;
  statuses = new Map<string, number>();
  unavailable503 = 0;
  unavailableWithoutRetryAfter = 0;
  /** 503s answered while the broker was down (stopped and not yet started again). */
  brokerDown503 = 0;
  /**
   * 202s for requests sent after the broker stopped and answered before it started again: only replays of a command an
   * earlier try published (one the client gave up on) may be among them.
   */
  brokerDownAccepted = 0;
  /** Their command ids. */
  readonly brokerDownAcceptedCommands: string[] = [];
  count(status: string): void {
    this.statuses.set(status, (this.statuses.get(status) ?? 0) + 1);
  }
}

/** The broker outage: its JVM's exit (`from`), the start of its restart (`to`), and when it answered again (`back`). */
const brokerDown: { from?: number; to?: number; back?: number } = {};
/** Surely down: nothing can be stored between the JVM's exit and the restart. */
const isBrokerDown = (at: number) =>
  brokerDown.from !== undefined && at >= brokerDown.from && (brokerDown.to === undefined || at < brokerDown.to);
/** Down or not yet answering again. */
const isBrokerOut = (at: number) =>
  brokerDown.from !== undefined && at >= brokerDown.from && (brokerDown.back === undefined || at < brokerDown.back);

async function submit(api: string, adminKey: string, s: Submission, stats: LoadStats, giveUpAt: () => number): Promise<void> {
  stats.posted += 1;
  for (;;) {
    s.attempts += 1;
    stats.attempts += 1;
    if (s.attempts > 1) stats.retries += 1;
    const sentAt = Date.now();
    let wait = 1_000;
    try {
      const response = await fetch(`${api}/v1/reports`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${adminKey}`, 'idempotency-key': s.key },
        body: s.body,
        signal: AbortSignal.timeout(10_000),
      });
      const answeredAt = Date.now();
      stats.count(String(response.status));
      const text = await response.text();
      if (response.status === 202) {
        const accepted = JSON.parse(text) as { commandId: string; aggregateId: string };
        s.commandId = accepted.commandId;
        s.reportId = accepted.aggregateId;
        if (isBrokerDown(sentAt) && isBrokerDown(answeredAt)) {
          stats.brokerDownAccepted += 1;
          stats.brokerDownAcceptedCommands.push(accepted.commandId);
        }
        return;
      }
      if (response.status === 503 || response.status === 429) {
        const retryAfter = Number(response.headers.get('retry-after'));
        if (response.status === 503) {
          stats.unavailable503 += 1;
          if (!(retryAfter > 0)) stats.unavailableWithoutRetryAfter += 1;
          if (isBrokerOut(answeredAt)) stats.brokerDown503 += 1;
        }
        wait = retryAfter > 0 ? Math.min(retryAfter, 10) * 1_000 : 1_000;
      } else if (response.status < 500) {
        s.failure = `${response.status} ${text.slice(0, 300)}`;
        return;
      }
    } catch (error) {
      stats.count(((error as Error).cause as { code?: string } | undefined)?.code ?? (error as Error).name);
    }
    if (Date.now() + wait > giveUpAt()) {
      s.failure = `not accepted after ${s.attempts} attempts`;
      return;
    }
    await sleep(wait * random(0.8, 1.2));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Chaos

interface ChaosLog {
  brokerRestarts: number;
  brokerKills: number;
  databaseRestarts: number;
  brokerDownMs: number;
  databaseDownMs: number;
}

/** Set from just before the broker stops until it answers again: the API is then not killed (see {@link killLoop}). */
let sparingApi = false;

async function restartKafka(services: Services, supervisor: Supervisor, chaos: ChaosLog): Promise<void> {
  // The API must be up when the broker goes (a restarted API waits for the broker before it listens).
  sparingApi = true;
  await supervisor.waitReady([supervisor.unit('api')]);
  log('chaos: stopping the Kafka broker');
  await services.stopKafka();
  brokerDown.from = Date.now();
  await sleep(5_000);
  brokerDown.to = Date.now();
  log('chaos: starting the Kafka broker again');
  await services.startKafka();
  brokerDown.back = Date.now();
  sparingApi = false;
  chaos.brokerDownMs = Date.now() - brokerDown.from;
  chaos.brokerRestarts += 1;
  log(`chaos: Kafka back after ${(chaos.brokerDownMs / 1000).toFixed(1)} s`);
}

/** Cluster mode: SIGKILLs one of the brokers under load, leaves it down 15 s, starts it again (it catches up). */
async function killBroker(services: Services, chaos: ChaosLog): Promise<void> {
  const node = Math.floor(Math.random() * BROKERS);
  log(`chaos: SIGKILL Kafka broker ${node + 1} of ${BROKERS}`);
  services.killKafkaNode(node);
  brokerDown.from = Date.now();
  await sleep(15_000);
  brokerDown.to = Date.now();
  log(`chaos: starting Kafka broker ${node + 1} again`);
  await services.startKafkaNode(node);
  brokerDown.back = Date.now();
  chaos.brokerDownMs = Date.now() - brokerDown.from;
  chaos.brokerKills += 1;
  log(`chaos: broker ${node + 1} back after ${(chaos.brokerDownMs / 1000).toFixed(1)} s`);
}

async function restartPostgres(services: Services, chaos: ChaosLog): Promise<void> {
  log('chaos: stopping PostgreSQL');
  const from = Date.now();
  await services.stopPostgres();
  await sleep(5_000);
  log('chaos: starting PostgreSQL again');
  await services.startPostgres();
  chaos.databaseDownMs = Date.now() - from;
  chaos.databaseRestarts += 1;
  log(`chaos: PostgreSQL back after ${(chaos.databaseDownMs / 1000).toFixed(1)} s`);
}

/**
 * SIGKILLs an app instance every 2.5-5 s (every instance at least once, in random order, then at random) until the load
 * ends. With more than one instance per app, every 1.5-3 s an instance not killed yet (then any) is killed, but only
 * while its siblings answer ready: the group must carry on with one member down, which is the point of scaling out; and
 * the kills go on after the load (the apps still catch up then) until each instance was killed once, for at most 2 min.
 */
async function killLoop(supervisor: Supervisor, until: () => boolean): Promise<void> {
  const order = [...supervisor.units].sort(() => Math.random() - 0.5);
  const everyoneKilled = () => supervisor.units.every((u) => supervisor.kills[u.name]! > 0);
  let overtimeEnds: number | undefined;
  const done = () => {
    if (!until()) return false;
    if (INSTANCES === 1 || everyoneKilled()) return true;
    overtimeEnds ??= Date.now() + 120_000;
    return Date.now() > overtimeEnds;
  };
  let i = 0;
  while (!done()) {
    await sleep(INSTANCES > 1 ? random(1_500, 3_000) : random(2_500, 5_000));
    if (done()) break;
    // The API is spared while the broker is out: it must answer 503 then, and a restarted API waits for the broker.
    const ready =
      INSTANCES > 1
        ? new Set((await Promise.all(supervisor.units.map(async (u) => ((await supervisor.isReady(u)) ? [u] : [])))).flat())
        : undefined;
    const candidates = supervisor.units.filter(
      (unit) => !(sparingApi && unit.app === 'api') && (!ready || supervisor.units.every((u) => u.app !== unit.app || ready.has(u))),
    );
    if (candidates.length === 0) continue;
    let unit: Unit;
    if (ready) {
      const fresh = candidates.filter((u) => supervisor.kills[u.name] === 0);
      unit = pick(fresh.length > 0 ? fresh : candidates);
    } else {
      const next = order[i];
      unit = next && candidates.includes(next) ? next : pick(candidates);
      if (unit === next) i += 1;
    }
    if (supervisor.kill(unit.name)) log(`chaos: SIGKILL ${unit.name}`);
  }
  if (!everyoneKilled())
    log(
      `chaos: never killed ${supervisor.units
        .filter((u) => supervisor.kills[u.name] === 0)
        .map((u) => u.name)
        .join(', ')}`,
    );
}

// ---------------------------------------------------------------------------------------------------------------
// Quiescence and reconciliation

async function count(pool: Pool, sql: string, params: unknown[] = []): Promise<number> {
  return Number((await pool.query<{ n: string }>(sql, params)).rows[0]!.n);
}

async function groupsCaughtUp(kafka: Kafka, groups: string[], topic: string): Promise<boolean> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const ends = await admin.fetchTopicOffsets(topic);
    for (const groupId of groups) {
      const committed = await admin.fetchOffsets({ groupId, topics: [topic] });
      const done = new Map(committed[0]?.partitions.map((p) => [p.partition, BigInt(p.offset === '-1' ? '0' : p.offset)]) ?? []);
      if (!ends.every((end) => (done.get(end.partition) ?? 0n) >= BigInt(end.high))) return false;
    }
    return true;
  } finally {
    await admin.disconnect();
  }
}

async function publishedEvents(kafka: Kafka, topic: string): Promise<number> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await admin.fetchTopicOffsets(topic)).reduce((n, e) => n + Number(e.high), 0);
  } finally {
    await admin.disconnect();
  }
}

/** What is still in flight; empty once quiescent. */
async function pending(pool: Pool, kafka: Kafka, prefix: string, commandIds: string[], receiver: Receiver): Promise<string[]> {
  const topics = topicNames(prefix);
  const open: string[] = [];
  const processed = await count(pool, 'SELECT count(*) AS n FROM processed_commands WHERE command_id = ANY($1::uuid[])', [commandIds]);
  if (processed < commandIds.length) open.push(`commands processed ${processed}/${commandIds.length}`);
  const stored = await count(pool, 'SELECT count(*) AS n FROM events');
  const published = await publishedEvents(kafka, topics.events);
  if (published < stored) open.push(`events published ${published}/${stored}`);
  if (!(await groupsCaughtUp(kafka, [readModelsGroup(prefix), `${prefix}screening`], topics.events)))
    open.push('projector/screening behind the events topic');
  if (!(await groupsCaughtUp(kafka, [`${prefix}processor`], topics.commands))) open.push('processor behind the commands topic');
  // In the notifier's order (transaction id, then position): the last event read need not hold the highest position.
  const unread = await count(
    pool,
    `SELECT count(*) AS n FROM events e WHERE NOT EXISTS (SELECT 1 FROM checkpoints c WHERE c.reader = 'notifier-alert-deliveries' AND (c.transaction_id, c.global_position) >= (e.transaction_id, e.global_position))`,
  );
  if (unread > 0) open.push(`${unread} events after the notifier's checkpoint`);
  const scheduled = await count(pool, `SELECT count(*) AS n FROM webhook_deliveries WHERE state = 'scheduled'`);
  if (scheduled > 0) open.push(`${scheduled} webhook deliveries scheduled`);
  // The receiver subscribes to alert.raised: messages of the other types (a route or surge alert superseded and
  // reopened as its claims change) are recorded for other subscribers, not sent to it.
  const messages = (await pool.query<{ message_id: string }>(`SELECT message_id FROM webhook_messages WHERE event_type = 'alert.raised'`))
    .rows;
  const unseen = messages.filter((m) => !receiver.deliveries.has(m.message_id)).length;
  if (unseen > 0) open.push(`${unseen} webhook messages not received`);
  return open;
}

async function waitQuiescent(pool: Pool, kafka: Kafka, prefix: string, commandIds: string[], receiver: Receiver): Promise<void> {
  const deadline = Date.now() + QUIESCENT_TIMEOUT_MS;
  let calm = 0;
  let last: string[] = [];
  let lastLogged = 0;
  while (calm < 2) {
    try {
      last = await pending(pool, kafka, prefix, commandIds, receiver);
    } catch (error) {
      last = [`cannot check: ${(error as Error).message}`];
    }
    calm = last.length === 0 ? calm + 1 : 0;
    if (calm >= 2) return;
    if (Date.now() > deadline) {
      // What PostgreSQL's sessions were doing: a transaction left open or a lock waited on explains most stalls.
      const sessions = await pool
        .query<{ s: string }>(
          `SELECT concat_ws(' ', pid, application_name, state, wait_event_type, wait_event, 'xact ' || (now() - xact_start)::text, left(query, 120)) AS s FROM pg_stat_activity WHERE datname = current_database() AND state <> 'idle' AND pid <> pg_backend_pid()`,
        )
        .then((r) => r.rows.map((row) => row.s))
        .catch((error: Error) => [`cannot list sessions: ${error.message}`]);
      log(`sessions not idle:\n  ${sessions.join('\n  ') || '(none)'}`);
      throw new CheckFailure('quiescent', `not quiescent within ${QUIESCENT_TIMEOUT_MS / 1000} s: ${last.join('; ')}`);
    }
    if (last.length > 0 && Date.now() - lastLogged > 10_000) {
      log(`waiting for quiescence: ${last.join('; ')}`);
      lastLogged = Date.now();
    }
    await sleep(1_500);
  }
}

class CheckFailure extends Error {
  constructor(
    readonly check: string,
    message: string,
  ) {
    super(message);
  }
}

async function readEverything(pool: Pool): Promise<StoredEvent[]> {
  const events: StoredEvent[] = [];
  let after: Checkpoint = START;
  for (;;) {
    const batch = await readAll(pool, after, 5_000);
    if (batch.length === 0) return events;
    events.push(...batch);
    const lastEvent = batch[batch.length - 1]!;
    after = { transactionId: lastEvent.transactionId, globalPosition: lastEvent.globalPosition };
  }
}

/** JSON's view of a value (what jsonb gives back), for comparisons. */
const plain = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

// ---------------------------------------------------------------------------------------------------------------
// Main

async function main(): Promise<number> {
  await rm(root, { recursive: true, force: true });
  mkdirSync(logDir, { recursive: true });
  const units: Unit[] = [];
  for (const app of APPS) {
    const count = app === 'api' ? 1 : INSTANCES;
    for (let i = 1; i <= count; i++) units.push({ name: count === 1 ? app : `${app}-${i}`, app, port: await freePort() });
  }
  const kafkaPorts: number[] = [];
  const controllerPorts: number[] = [];
  for (let i = 0; i < BROKERS; i++) {
    kafkaPorts.push(await freePort());
    controllerPorts.push(await freePort());
  }
  const ports: Ports = { postgres: await freePort(), kafka: kafkaPorts, kafkaController: controllerPorts, receiver: await freePort() };
  const services = new Services(ports);
  const receiver = new Receiver();
  let supervisor: Supervisor | undefined;
  let pool: Pool | undefined;
  const failures: CheckFailure[] = [];
  const fail = (check: string, message: string) => {
    failures.push(new CheckFailure(check, message));
    log(`CHECK FAILED ${check}: ${message}`);
  };
  const stats = new LoadStats();
  const chaos: ChaosLog = { brokerRestarts: 0, brokerKills: 0, databaseRestarts: 0, brokerDownMs: 0, databaseDownMs: 0 };
  const summary: Array<[string, string | number]> = [];

  try {
    log(`starting PostgreSQL and Kafka under ${root}`);
    await Promise.all([services.startPostgres(), services.startKafka()]);
    const adminKey = `tm_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}`;
    const prefix = 'fault.';
    const childEnv: NodeJS.ProcessEnv = {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: services.postgres!.url,
      KAFKA_BROKERS: services.brokers.join(','),
      KAFKA_REPLICATION_FACTOR: String(BROKERS),
      KAFKA_TOPIC_PREFIX: prefix,
      LOG_LEVEL: 'warn',
      BOOTSTRAP_ADMIN_KEY: adminKey,
      RATE_LIMIT_PER_MINUTE: '1000000',
      STARTUP_CHECK_TIMEOUT_MS: '90000',
      SHUTDOWN_TIMEOUT_MS: '5000',
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      WEBHOOK_RETRY_SCHEDULE: '500ms,1s,2s,2s,3s,3s,5s,5s,5s,5s,10s,10s,10s,10s,10s,10s,10s,10s,10s,10s,10s,10s',
      WEBHOOK_RETRY_JITTER: '0.1',
      WEBHOOK_TIMEOUT_MS: '5000',
      WEBHOOK_POLL_INTERVAL_MS: '200',
    };
    const env = loadEnvironment(childEnv);
    await runMigrations(env.DATABASE_URL);
    await createTopics(env);
    pool = createPgPool(env.DATABASE_URL, 4);
    pool.on('error', () => undefined);

    log('importing the 2024 OFAC SDN (with its aliases)');
    const imported = await importSanctionsList(
      pool,
      BUNDLED_LISTS.find((l) => l.listId === 'ofac-sdn')!,
      {
        importDir: join(repoRoot(), 'data', 'sanctions'),
        maxBytes: env.SANCTIONS_DOWNLOAD_MAX_BYTES,
        timeoutMs: env.SANCTIONS_DOWNLOAD_TIMEOUT_MS,
        metadata: { actor: 'system:fault-test' },
      },
    );
    if (imported.status !== 'imported') throw new Error(`the SDN import came to ${JSON.stringify(imported)}`);
    log(`SDN ${imported.version} imported: ${JSON.stringify(imported.counts)}`);

    await receiver.start(ports.receiver);
    supervisor = new Supervisor(childEnv, units);
    // The API first: on a busy machine eleven processes booting at once kept it from ready for over two minutes.
    supervisor.start(supervisor.unit('api'));
    await supervisor.waitReady([supervisor.unit('api')]);
    for (const unit of units) if (unit.app !== 'api') supervisor.start(unit);
    await supervisor.waitReady(units, READY_TIMEOUT_MS * INSTANCES);
    log(`every app is ready (${units.map((u) => u.name).join(', ')})`);
    const api = `http://127.0.0.1:${supervisor.unit('api').port}`;
    const auth = { authorization: `Bearer ${adminKey}`, 'content-type': 'application/json' };

    const subscription = await fetch(`${api}/v1/webhooks/subscriptions`, {
      method: 'POST',
      headers: auth,
      body: JSON.stringify({ url: `http://127.0.0.1:${ports.receiver}/hooks`, description: 'fault test', eventTypes: ['alert.raised'] }),
    });
    if (subscription.status !== 201)
      throw new Error(`POST /v1/webhooks/subscriptions answered ${subscription.status}: ${await subscription.text()}`);
    receiver.secret = ((await subscription.json()) as { secret: string }).secret;

    // Calibration, before any fault: which name alerts a flagged report gets, and that a clean one gets none (other kinds
    // depend on the random claims — a diversion, the examples' Su-27 claim declared civil-aviation — and are checked
    // against their rules below).
    const templates = claimTemplates();
    const calibration: Submission[] = [true, false].map((flagged, i) => ({
      n: -1 - i,
      flagged,
      key: `fault-calibration-${i}-${randomUUID()}`,
      body: JSON.stringify(reportBody(-1 - i, flagged, templates)),
      attempts: 0,
    }));
    await Promise.all(calibration.map((s) => submit(api, adminKey, s, new LoadStats(), () => Date.now() + 60_000)));
    if (calibration.some((s) => !s.commandId))
      throw new Error(`calibration reports not accepted: ${calibration.map((s) => s.failure).join('; ')}`);
    const kafka = new Kafka({ clientId: 'fault-test', brokers: services.brokers, logLevel: logLevel.NOTHING, retry: { retries: 2 } });
    await waitQuiescent(
      pool,
      kafka,
      prefix,
      calibration.map((s) => s.commandId!),
      receiver,
    );
    const calibrationAlerts = async (reportId: string) =>
      (
        await pool!.query<{ entry_id: string; list_id: string; location: string }>(
          `SELECT list_id, entry_id, location FROM alerts WHERE report_id = $1 AND kind = 'name-match'`,
          [reportId],
        )
      ).rows;
    const expectedAlerts = (await calibrationAlerts(calibration[0]!.reportId!)).map((a) => `${a.list_id}/${a.entry_id}`).sort();
    const cleanAlerts = await calibrationAlerts(calibration[1]!.reportId!);
    if (expectedAlerts.length === 0) throw new Error(`the calibration report naming ${SANCTIONED.name} raised no alert`);
    if (cleanAlerts.length > 0) throw new Error(`the clean calibration report raised alerts: ${JSON.stringify(cleanAlerts)}`);
    log(`calibration: a report naming ${SANCTIONED.name} raises ${expectedAlerts.join(', ')}; a clean one raises none`);

    // The load, with the chaos running alongside.
    log(`load: ${REPORTS} reports over ${LOAD_SECONDS} s, with SIGKILLs, a broker restart and a database restart`);
    let loadDone = false;
    let giveUpAt = Number.POSITIVE_INFINITY;
    const submissions: Submission[] = [];
    const inFlight: Promise<void>[] = [];
    const loadStarted = Date.now();
    const chaosRun = (async () => {
      const kills = killLoop(supervisor, () => loadDone);
      await sleep(LOAD_SECONDS * 250);
      await (CLUSTER ? killBroker(services, chaos) : restartKafka(services, supervisor, chaos));
      await sleep(Math.max(0, loadStarted + LOAD_SECONDS * 600 - Date.now()));
      await restartPostgres(services, chaos);
      await kills;
    })();
    const interval = (LOAD_SECONDS * 1000) / REPORTS;
    for (let n = 0; n < REPORTS; n++) {
      await sleep(Math.max(0, loadStarted + n * interval - Date.now()));
      const flagged = n % FLAGGED_EVERY === 3;
      const s: Submission = {
        n,
        flagged,
        key: `fault-${n}-${randomUUID()}`,
        body: JSON.stringify(reportBody(n, flagged, templates)),
        attempts: 0,
      };
      submissions.push(s);
      inFlight.push(submit(api, adminKey, s, stats, () => giveUpAt));
    }
    log('load: every report posted; waiting for the chaos to end');
    await sleep(Math.max(0, loadStarted + LOAD_SECONDS * 1000 - Date.now()));
    loadDone = true;
    await chaosRun;
    giveUpAt = Date.now() + CLIENT_GIVE_UP_MS;
    await supervisor.waitReady(units, READY_TIMEOUT_MS);
    log('chaos over, every app ready again; waiting for the clients to finish');
    await Promise.all(inFlight);
    const accepted = submissions.filter((s) => s.commandId);
    const lost = submissions.filter((s) => !s.commandId);
    if (lost.length > 0) fail('accepted', `${lost.length} reports never accepted, e.g. #${lost[0]!.n}: ${lost[0]!.failure}`);
    log(`load: ${accepted.length}/${submissions.length} accepted; waiting for quiescence`);
    const commandIds = [...calibration, ...accepted].map((s) => s.commandId!);
    await waitQuiescent(pool, kafka, prefix, commandIds, receiver);
    log('quiescent; reconciling');

    // 1. Every accepted command: one succeeded outcome, one set of events.
    const outcomes = (
      await pool.query<{ command_id: string; status: string }>(
        'SELECT command_id, status FROM processed_commands WHERE command_id = ANY($1::uuid[])',
        [commandIds],
      )
    ).rows;
    const notSucceeded = outcomes.filter((o) => o.status !== 'succeeded');
    if (outcomes.length !== commandIds.length || notSucceeded.length > 0)
      fail('commands', `${outcomes.length}/${commandIds.length} processed, ${notSucceeded.length} not succeeded`);
    const eventsPerCommand = (
      await pool.query<{ command_id: string; type: string; n: string }>(
        `SELECT metadata->>'commandId' AS command_id, event_type AS type, count(*) AS n FROM events WHERE stream_type = $1 GROUP BY 1, 2`,
        [REPORT_STREAM_TYPE],
      )
    ).rows;
    const submittedBy = new Map<string, number>();
    for (const row of eventsPerCommand) if (row.type === 'ReportSubmitted') submittedBy.set(row.command_id, Number(row.n));
    const wrongSets = commandIds.filter((id) => submittedBy.get(id) !== 1);
    const unexpected = [...submittedBy.keys()].filter((id) => !commandIds.includes(id));
    if (wrongSets.length > 0)
      fail(
        'events',
        `${wrongSets.length} accepted commands without exactly one ReportSubmitted, e.g. ${wrongSets[0]} (${submittedBy.get(wrongSets[0]!) ?? 0})`,
      );
    if (unexpected.length > 0)
      fail('events', `${unexpected.length} ReportSubmitted events of commands never accepted, e.g. ${unexpected[0]}`);
    const otherReportEvents = eventsPerCommand.filter((r) => r.type !== 'ReportSubmitted').reduce((n, r) => n + Number(r.n), 0);
    if (otherReportEvents > 0) fail('events', `${otherReportEvents} report events other than ReportSubmitted`);
    const reportsPerStream = await count(
      pool,
      `SELECT count(*) AS n FROM (SELECT stream_id FROM events WHERE stream_type = $1 GROUP BY stream_id HAVING count(*) <> 1) AS x`,
      [REPORT_STREAM_TYPE],
    );
    if (reportsPerStream > 0) fail('events', `${reportsPerStream} report streams with more than one event`);

    // 2. Every ledger row equals the fold of the event store.
    const events = await readEverything(pool);
    const storedCount = await count(pool, 'SELECT count(*) AS n FROM events');
    if (events.length !== storedCount) fail('ledgers', `readAll returned ${events.length} events, the table holds ${storedCount}`);
    const byStream = new Map<string, StoredEvent[]>();
    for (const e of events) if (e.streamType === REPORT_STREAM_TYPE) byStream.set(e.streamId, [...(byStream.get(e.streamId) ?? []), e]);
    const states: ClaimState[] = [];
    const legs: TransferLeg[] = [];
    const screenable: ScreenableReport[] = [];
    for (const streamEvents of byStream.values()) {
      const claims = foldReport(streamEvents.sort((a, b) => a.version - b.version))?.claims ?? [];
      states.push(...claims);
      if (claims.length)
        screenable.push({ reportId: claims[0]!.reportId, retracted: false, claims: claims.map((c) => c.claim), evidence: [] });
      if (claims.length)
        legs.push(
          ...transferLegsOf(
            claims[0]!.reportId,
            claims.map((c) => c.claim),
          ),
        );
    }
    const expectedLedger = new Map(foldLedger(states).map((row) => [ledgerKeyString(row), plain(row)]));
    const active = await activeProjectionVersion(pool);
    // As served: the stored rows with the reports and claims behind them (read from claim_states).
    const storedRows = (await pool.query<{ row: StoredLedgerRow }>(`SELECT row FROM ${active.schemaName}.ledger_rows`)).rows.map(
      (r) => r.row,
    );
    const live = new Map(
      (await withLedgerMembers(pool, active.schemaName, storedRows)).map((row) => [ledgerKeyString(row), plain(row) as unknown]),
    );
    let ledgerMismatches = 0;
    for (const [key, row] of expectedLedger) {
      if (!isDeepStrictEqual(live.get(key), row)) {
        if (ledgerMismatches === 0)
          log(
            `ledger row ${key}: expected ${JSON.stringify(row).slice(0, 600)}\n  live ${JSON.stringify(live.get(key) ?? null).slice(0, 600)}`,
          );
        ledgerMismatches += 1;
      }
    }
    const extraRows = [...live.keys()].filter((k) => !expectedLedger.has(k));
    if (ledgerMismatches > 0 || extraRows.length > 0)
      fail(
        'ledgers',
        `${ledgerMismatches} of ${expectedLedger.size} ledger rows differ from the fold, ${extraRows.length} extra rows in ${active.schemaName}.ledger_rows`,
      );

    // 3. Every alert the list calls for exists once, and no other.
    const raised = (
      await pool.query<{ kind: string | null; report_id: string; list_id: string; entry_id: string; location: string; n: string }>(
        `SELECT payload->>'kind' AS kind, payload->>'reportId' AS report_id, payload->>'listId' AS list_id, payload->>'entryId' AS entry_id,
              payload->>'location' AS location, count(*) AS n
       FROM events WHERE event_type = 'AlertRaised' GROUP BY 1, 2, 3, 4, 5`,
      )
    ).rows;
    const alertsByReport = new Map<string, string[]>();
    const patternAlerts = new Set<string>();
    let duplicateAlerts = 0;
    for (const r of raised) {
      if (Number(r.n) !== 1) duplicateAlerts += Number(r.n) - 1;
      // The reports' random flows make third-country diversions (issue 17) and CHPL surges: both are checked against
      // their rules below, from the alerts in force (a route's or a surge's alert sits on whichever claim raised it).
      if (r.kind === 'possible-diversion') continue;
      else if (r.kind === 'front-company' || r.kind === 'misdeclared-goods')
        patternAlerts.add(`${r.kind} ${r.report_id} ${r.list_id}/${r.entry_id} ${r.location}`);
      else alertsByReport.set(r.report_id, [...(alertsByReport.get(r.report_id) ?? []), `${r.list_id}/${r.entry_id}`]);
    }
    // Every diversion route the rule finds among the stored reports' legs (the screening app's rule and settings) has
    // one alert in force with its basis as the rule gives it, and no other: faults neither lose one nor raise one the
    // claims do not support.
    const targets = await loadProgramTargets(pool, {
      minEntries: env.DIVERSION_PROGRAM_MIN_ENTRIES,
      minShare: env.DIVERSION_PROGRAM_MIN_SHARE,
    });
    const expectedDiversions = new Map(
      findDiversionRoutes(legs, targets, { windowDays: env.DIVERSION_WINDOW_DAYS }).map((d) => [`diversion:${diversionRouteKey(d)}`, d]),
    );
    const diversionAlerts = new Map(
      (
        await pool.query<{ entry_id: string; basis: { diversion: DiversionBasisV1 } }>(
          `SELECT entry_id, basis FROM alerts WHERE kind = 'possible-diversion' AND basis->'diversion' IS NOT NULL AND status <> 'superseded'`,
        )
      ).rows.map((r) => [r.entry_id, r.basis.diversion]),
    );
    const missingDiversions = [...expectedDiversions].filter(([k, d]) => !isDeepStrictEqual(diversionAlerts.get(k), d)).length;
    const unexpectedDiversions = [...diversionAlerts].filter(([k, d]) => !isDeepStrictEqual(expectedDiversions.get(k), d)).length;
    if (missingDiversions > 0 || unexpectedDiversions > 0)
      fail(
        'diversions',
        `${missingDiversions} of ${expectedDiversions.size} diversions not alerted, ${unexpectedDiversions} diversion alerts the rule does not find`,
      );
    // CHPL tier 1–2 surges: the surge alerts in force are exactly the surges the rule finds among the legs.
    const expectedSurges = new Set(
      findChplSurges(legs, targets, {
        windowDays: env.CHPL_SURGE_WINDOW_DAYS,
        baselineWindows: env.CHPL_SURGE_BASELINE_WINDOWS,
        factor: env.CHPL_SURGE_FACTOR,
        minClaims: env.CHPL_SURGE_MIN_CLAIMS,
      }).map((s) => `chpl-surge:${s.country}:${s.window.from}..${s.window.to}`),
    );
    const surgesInForce = new Set(
      (
        await pool.query<{ entry_id: string }>(
          `SELECT entry_id FROM alerts WHERE kind = 'possible-diversion' AND basis ? 'surge' AND status <> 'superseded'`,
        )
      ).rows.map((r) => r.entry_id),
    );
    const missingSurges = [...expectedSurges].filter((k) => !surgesInForce.has(k)).length;
    const unexpectedSurges = [...surgesInForce].filter((k) => !expectedSurges.has(k)).length;
    if (missingSurges > 0 || unexpectedSurges > 0)
      fail(
        'surges',
        `${missingSurges} of ${expectedSurges.size} CHPL surges not alerted, ${unexpectedSurges} surge alerts in force the rule does not find`,
      );
    // Front companies and misdeclared goods (issue 17 part 3): every one the rules find among the stored reports,
    // against the lists in force, is alerted once, and no other.
    const names = await loadScreeningIndex(pool);
    const fronts = (await loadFrontCompanyIndex(pool)).index;
    const entryOf = (listId: string, entryId: string) => {
      const entry = names.index.findEntry(listId, entryId);
      return entry && { entry, listVersion: names.versions.get(listId) ?? '' };
    };
    const expectedPatterns = new Set(
      screenable
        .flatMap((r) => [...fronts.screen(r, names.index, { threshold: env.SCREENING_THRESHOLD, entryOf }), ...screenMisdeclaredGoods(r)])
        .map((c) => `${c.kind} ${c.reportId} ${c.listId}/${c.entryId} ${c.location}`),
    );
    const missingPatterns = [...expectedPatterns].filter((k) => !patternAlerts.has(k)).length;
    const unexpectedPatterns = [...patternAlerts].filter((k) => !expectedPatterns.has(k)).length;
    if (missingPatterns > 0 || unexpectedPatterns > 0)
      fail(
        'patterns',
        `${missingPatterns} of ${expectedPatterns.size} front-company and misdeclared-goods alerts missing, ${unexpectedPatterns} the rules do not find`,
      );
    const acceptedAll = [...calibration, ...accepted];
    let alertsExpected = 0;
    let missingAlerts = 0;
    let unexpectedAlerts = 0;
    for (const s of acceptedAll) {
      const got = (alertsByReport.get(s.reportId!) ?? []).sort();
      const want = s.flagged ? expectedAlerts : [];
      alertsExpected += want.length;
      if (!isDeepStrictEqual([...new Set(got)], want)) {
        missingAlerts += want.filter((w) => !got.includes(w)).length;
        unexpectedAlerts += got.filter((g) => !want.includes(g)).length;
      }
    }
    const alertsRaised = raised.reduce((n, r) => n + Number(r.n), 0);
    const alertRows = await count(pool, 'SELECT count(*) AS n FROM alerts');
    const alertStreams = await count(pool, `SELECT count(DISTINCT stream_id) AS n FROM events WHERE stream_id LIKE 'alert-%'`);
    if (duplicateAlerts > 0) fail('alerts', `${duplicateAlerts} duplicate AlertRaised events for one (report, entry, location)`);
    if (missingAlerts > 0 || unexpectedAlerts > 0)
      fail('alerts', `${missingAlerts} expected alerts missing, ${unexpectedAlerts} unexpected alerts`);
    if (alertRows !== alertsRaised || alertStreams !== alertsRaised)
      fail('alerts', `${alertsRaised} AlertRaised events, ${alertStreams} alert streams, ${alertRows} alerts rows`);

    // 4. Every alert delivered at least once, with a stable webhook-id.
    const messages = (
      await pool.query<{ message_id: string }>(`SELECT message_id FROM webhook_messages WHERE event_type = 'alert.raised'`)
    ).rows.map((m) => m.message_id);
    const messageIds = new Set(messages);
    const undelivered = messages.filter((id) => !receiver.deliveries.has(id));
    const strangers = [...receiver.deliveries.keys()].filter((id) => !messageIds.has(id));
    const unstable = [...receiver.bodies.values()].filter((hashes) => hashes.size > 1).length;
    const failedDeliveries = await count(pool, `SELECT count(*) AS n FROM webhook_deliveries WHERE state <> 'succeeded'`);
    if (messages.length !== alertsRaised) fail('webhooks', `${messages.length} webhook messages for ${alertsRaised} raised alerts`);
    if (undelivered.length > 0) fail('webhooks', `${undelivered.length} alert messages never received, e.g. ${undelivered[0]}`);
    if (strangers.length > 0) fail('webhooks', `${strangers.length} webhook-ids received that belong to no message`);
    if (unstable > 0) fail('webhooks', `${unstable} webhook-ids received with different bodies`);
    if (receiver.invalid > 0) fail('webhooks', `${receiver.invalid} deliveries failed signature verification`);
    if (failedDeliveries > 0) fail('webhooks', `${failedDeliveries} deliveries not succeeded`);

    // 5. The broker outage: 503 with Retry-After, nothing accepted.
    if (CLUSTER) {
      // 5'. One broker of three down: the cluster goes on taking commands (min.insync.replicas 2 of 3).
      if (stats.brokerDownAccepted < 1) fail('broker-kill', 'no report accepted (202) while one broker was down');
    } else {
      if (stats.brokerDown503 < 1) fail('broker-503', 'no 503 answered while the broker was down');
      // A retry of a command an earlier try published answers 202 from the store without the broker (the API's
      // idempotency): under load the client gives up on tries the API completes. The API marks a command published
      // only once the broker acknowledged it, and a try finding it unmarked publishes (503 while the broker is down),
      // so a 202 then whose command is marked published is such a replay; one left unmarked is a failure.
      const { rows: unpublished } = await pool.query<{ command_id: string }>(
        `SELECT command_id FROM accepted_commands WHERE command_id = ANY($1::uuid[]) AND published_at IS NULL`,
        [stats.brokerDownAcceptedCommands],
      );
      if (unpublished.length > 0)
        fail('broker-503', `${unpublished.length} reports accepted (202) while the broker was down and not published before it`);
    }
    if (stats.unavailableWithoutRetryAfter > 0) fail('broker-503', `${stats.unavailableWithoutRetryAfter} 503s without Retry-After`);

    // The faults themselves happened.
    const spared = units.map((u) => u.name).filter((name) => supervisor!.kills[name] === 0);
    if (spared.length > 0) fail('chaos', `never SIGKILLed: ${spared.join(', ')}`);
    if (chaos.brokerRestarts + chaos.brokerKills !== 1 || chaos.databaseRestarts !== 1)
      fail(
        'chaos',
        `${chaos.brokerRestarts} broker restarts, ${chaos.brokerKills} broker kills and ${chaos.databaseRestarts} database restarts, expected one broker fault and one database restart`,
      );

    const statuses = [...stats.statuses.entries()]
      .sort()
      .map(([k, v]) => `${k}: ${v}`)
      .join(', ');
    summary.push(
      ['reports posted', stats.posted],
      ['reports accepted (202)', accepted.length],
      ['flagged reports (name a sanctioned person)', accepted.filter((s) => s.flagged).length],
      ['HTTP attempts / retries', `${stats.attempts} / ${stats.retries}`],
      ['answers by status', statuses],
      ['Kafka brokers (replication factor, min.insync.replicas)', CLUSTER ? `${BROKERS} (${BROKERS}, ${BROKERS - 1})` : '1 (1, 1)'],
      ['503s (all / while the broker was down)', `${stats.unavailable503} / ${stats.brokerDown503}`],
      [
        CLUSTER ? '202s while one broker was down' : '202s while the broker was down (replays of published commands allowed)',
        stats.brokerDownAccepted,
      ],
      ['instances per consuming app (API: 1)', INSTANCES],
      ['SIGKILLs per app', units.map((u) => `${u.name} ${supervisor!.kills[u.name]}`).join(', ')],
      [
        'restarts per app (self-exits)',
        units
          .map(
            (u) => `${u.name} ${supervisor!.restarts[u.name]}${supervisor!.selfExits[u.name] ? ` (${supervisor!.selfExits[u.name]})` : ''}`,
          )
          .join(', '),
      ],
      [
        CLUSTER ? 'broker SIGKILLs (down)' : 'broker restarts (down)',
        `${CLUSTER ? chaos.brokerKills : chaos.brokerRestarts} (${(chaos.brokerDownMs / 1000).toFixed(1)} s)`,
      ],
      ['database restarts (down)', `${chaos.databaseRestarts} (${(chaos.databaseDownMs / 1000).toFixed(1)} s)`],
      ['events in the store (report events)', `${events.length} (${[...byStream.values()].reduce((n, e) => n + e.length, 0)})`],
      ['commands processed (succeeded)', `${outcomes.length} (${outcomes.length - notSucceeded.length})`],
      ['ledger rows compared (mismatches)', `${expectedLedger.size} (${ledgerMismatches + extraRows.length})`],
      ['alerts expected / raised', `${alertsExpected} / ${alertsRaised}`],
      [
        'webhooks received (refused on purpose) / distinct ids / messages',
        `${receiver.received} (${receiver.refusedOnPurpose}) / ${receiver.deliveries.size} / ${messages.length}`,
      ],
    );
  } catch (error) {
    const failure = error instanceof CheckFailure ? error : new CheckFailure('run', (error as Error).stack ?? String(error));
    fail(failure.check, failure.message);
  } finally {
    log('stopping apps and services');
    await supervisor?.stopAll().catch(() => undefined);
    await pool?.end().catch(() => undefined);
    await receiver.stop();
    await services.stopAll();
    for (const child of allChildren) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    killLeftoverServices();
  }

  summary.push(['duration', `${((Date.now() - started) / 1000).toFixed(0)} s`]);
  const table = new Table({ head: ['fault test', 'count'], wordWrap: true, colWidths: [48, 80], style: { head: [], border: [] } });
  for (const [what, value] of summary) table.push([what, String(value)]);
  process.stdout.write(`${table.toString()}\n`);
  if (failures.length > 0) {
    process.stdout.write(
      `FAILED: ${[...new Set(failures.map((f) => f.check))].join(', ')}\n${failures.map((f) => `  ${f.check}: ${f.message}`).join('\n')}\nlogs: ${logDir}\n`,
    );
    return 1;
  }
  process.stdout.write('PASSED: every check\n');
  return 0;
}

/** Ctrl-C or a CI timeout: SIGKILL the apps and the services at once (their pids are known), then exit. */
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    for (const child of allChildren) if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    killLeftoverServices();
    process.exit(1);
  });
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    process.stderr.write(`[fault] failed: ${(error as Error).stack ?? String(error)}\n`);
    process.exit(1);
  },
);
