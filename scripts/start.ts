/**
 * `npm start`: the whole product on one machine.
 *
 * Uses DATABASE_URL / KAFKA_BROKERS when set, otherwise starts a real PostgreSQL and a real Kafka broker
 * with their data under `.local/dev` (kept between runs; `npm start -- --reset` starts empty). Applies the
 * migrations, creates the topics, then runs every app as its own process, as in production, so that one crashing app
 * does not take the others down and each can be restarted or killed on its own. Waits until every app is ready,
 * imports the bundled sanctions lists the first time (a list already imported is left alone), and prints a banner
 * with the URLs and the next commands.
 *
 * The terminal stays readable: each app's JSON log goes to `.local/dev/logs/<app>.log`; the terminal gets this
 * script's lines, then the apps' warnings and errors (prefixed with the app), and the tail of an app's log when it
 * dies. `--verbose` prints every log line. Ctrl-C stops the apps (each finishing its in-flight work), then the
 * services this script started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { isAbsolute, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createPgPool, runMigrations } from '@tm/database';
import { localDir, repoRoot, startLocalStack } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { heapLimitFlags, loadEnvironment, type Environment } from '@tm/platform';
import { BUNDLED_LISTS } from '@tm/screening';
import { importSanctionsList } from '../apps/processor/src/sanctions/import-sanctions-list';

const APPS = ['processor', 'outbox-relay', 'projector', 'screening', 'notifier', 'api'] as const;
type App = (typeof APPS)[number];

const PORT_OF: Record<App, (env: Environment) => number> = {
  processor: (env) => env.PROCESSOR_PORT,
  'outbox-relay': (env) => env.RELAY_PORT,
  projector: (env) => env.PROJECTOR_PORT,
  screening: (env) => env.SCREENING_PORT,
  notifier: (env) => env.NOTIFIER_PORT,
  api: (env) => env.API_PORT,
};

const READY_TIMEOUT_MS = 180_000;
const LEVEL_NAMES: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

function log(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

/**
 * The admin key the local apps accept (`BOOTSTRAP_ADMIN_KEY`): the configured one, else one generated at the first
 * start and kept in `.local/dev/bootstrap-admin-key`, where the CLI finds it when it talks to a local API.
 */
function bootstrapAdminKey(root: string): { key: string; file?: string } {
  if (process.env.BOOTSTRAP_ADMIN_KEY) return { key: process.env.BOOTSTRAP_ADMIN_KEY };
  const file = join(root, 'bootstrap-admin-key');
  if (!existsSync(file)) writeFileSync(file, `tm_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  return { key: readFileSync(file, 'utf8').trim(), file };
}

/** One JSON log line as `[app] level message`, or the raw line when it is not JSON. */
function humanLine(app: string, line: string): { level: number; text: string } {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    const level = entry.level ?? 30;
    const extra = entry.err?.message && !entry.msg?.includes(entry.err.message) ? `: ${entry.err.message}` : '';
    return { level, text: `[${app}] ${LEVEL_NAMES[level] ?? level} ${entry.msg ?? line}${extra}` };
  } catch {
    return { level: 30, text: `[${app}] ${line}` };
  }
}

/** Polls `/health/ready` until 200; fails when the app exits first or the time is up. */
async function waitReady(app: App, child: ChildProcess, url: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`${app} exited before it was ready`);
    try {
      if ((await fetch(url, { signal: AbortSignal.timeout(2_000) })).ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${app} was not ready within ${READY_TIMEOUT_MS / 1000} s (${url})`);
}

/** Imports each bundled list that has no version in force yet; a failure is reported and the others go on. */
async function importBundledLists(env: Environment): Promise<void> {
  const pool = createPgPool(env.DATABASE_URL, 2);
  const importDir = isAbsolute(env.SANCTIONS_IMPORT_DIR) ? env.SANCTIONS_IMPORT_DIR : join(repoRoot(), env.SANCTIONS_IMPORT_DIR);
  try {
    const { rows } = await pool.query<{ list_id: string }>('SELECT list_id FROM sanctions_lists WHERE version IS NOT NULL');
    const present = new Set(rows.map((r) => r.list_id));
    const missing = BUNDLED_LISTS.filter((l) => !present.has(l.listId));
    if (missing.length === 0) return log(`sanctions lists already imported: ${[...present].sort().join(', ')}`);
    for (const list of missing) {
      const started = Date.now();
      log(`importing the bundled ${list.listId} list…`);
      const result = await importSanctionsList(pool, list, { importDir, maxBytes: env.SANCTIONS_DOWNLOAD_MAX_BYTES, timeoutMs: env.SANCTIONS_DOWNLOAD_TIMEOUT_MS, metadata: { actor: 'system:npm-start' } });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (result.status === 'failed') log(`  ${list.listId} not imported: ${result.reason.message}`);
      else log(`  ${list.listId} version ${result.version} ${result.status === 'imported' ? `imported: ${result.counts.entries} entries` : 'unchanged'} in ${seconds} s`);
    }
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const verbose = process.argv.includes('--verbose');
  const root = localDir('dev');
  log(process.env.DATABASE_URL && process.env.KAFKA_BROKERS ? 'using the configured PostgreSQL and Kafka' : 'starting local PostgreSQL and Kafka (the first run fetches Kafka from Maven Central)…');
  const stack = await startLocalStack({ root, kafkaCacheDir: localDir('kafka-runtime'), fresh: reset });
  log(`PostgreSQL ${stack.env.DATABASE_URL.replace(/:[^:@/]*@/, ':***@')}, Kafka ${stack.env.KAFKA_BROKERS}`);
  const admin = bootstrapAdminKey(root);
  const childEnv = { ...process.env, ...stack.env, BOOTSTRAP_ADMIN_KEY: admin.key };
  const env = loadEnvironment(childEnv);
  const applied = await runMigrations(stack.env.DATABASE_URL);
  log(applied.length ? `applied migrations: ${applied.join(', ')}` : 'schema up to date');
  await createTopics(env);
  log('topics ready');

  const logDir = join(root, 'logs');
  mkdirSync(logDir, { recursive: true });
  const children = new Map<App, ChildProcess>();
  const logFiles: WriteStream[] = [];
  let ready = false;
  let stopping = false;
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    log('stopping apps…');
    await Promise.all(
      [...children.values()].map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || child.signalCode !== null) return resolve();
            child.once('exit', () => resolve());
            child.kill('SIGTERM');
          }),
      ),
    );
    log('stopping services…');
    // Ctrl-C reaches the whole process group, so a service may already be stopping on its own: never fail here.
    await stack.stop().catch((error: unknown) => log(`a service did not stop cleanly: ${(error as Error).message}`));
    await Promise.all(logFiles.map((file) => new Promise((resolve) => file.end(resolve))));
    log('stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void stopAll(0));
  process.on('SIGTERM', () => void stopAll(0));

  for (const app of APPS) {
    const child = spawn(process.execPath, [...heapLimitFlags(app), join(repoRoot(), 'dist', 'apps', app, 'src', 'main.js')], { cwd: repoRoot(), env: childEnv, stdio: ['ignore', 'pipe', 'pipe'] });
    children.set(app, child);
    const file = createWriteStream(join(logDir, `${app}.log`), { flags: 'a' });
    logFiles.push(file);
    const recent: string[] = [];
    for (const stream of [child.stdout, child.stderr]) {
      createInterface({ input: stream }).on('line', (line) => {
        file.write(`${line}\n`);
        const human = humanLine(app, line);
        recent.push(human.text);
        if (recent.length > 8) recent.shift();
        // During shutdown the apps' complaints about vanishing services are expected: they stay in the log file.
        if (verbose || (ready && !stopping && human.level >= 40)) process.stdout.write(`${human.text}\n`);
      });
    }
    child.on('exit', (code, signal) => {
      if (stopping) return;
      log(`${app} exited (${signal ?? code}); its last log lines (all in ${join(logDir, `${app}.log`)}):`);
      for (const line of recent) process.stdout.write(`  ${line}\n`);
      log('stopping everything');
      void stopAll(1);
    });
  }
  log(`apps starting (one process each): ${APPS.join(', ')}; logs in ${logDir}`);
  try {
    await Promise.all(APPS.map((app) => waitReady(app, children.get(app)!, `http://127.0.0.1:${PORT_OF[app](env)}/health/ready`)));
    log('every app is ready');
    await importBundledLists(env);
  } catch (error) {
    if (stopping) return;
    log(`failed: ${(error as Error).message}`);
    return stopAll(1);
  }
  ready = true;

  const api = `http://127.0.0.1:${env.API_PORT}`;
  process.stdout.write(
    [
      '',
      'Transfer Monitor is running.',
      `  API           ${api}`,
      `  OpenAPI docs  ${api}/docs`,
      `  Admin key     ${admin.file ? `${admin.file} (the CLI uses it for a local API)` : 'BOOTSTRAP_ADMIN_KEY as configured'}`,
      `  Logs          ${logDir}/<app>.log (warnings and errors also show here)`,
      '',
      'In a second terminal:',
      '  npm run example                    post the article\'s reports, print the ledgers, the timeline and the alerts',
      '  npx transfer-monitor ledger RU     a country\'s ledger',
      '  npx transfer-monitor health        every app\'s readiness',
      '  npx transfer-monitor --help        everything else',
      '',
      'Ctrl-C stops everything (data is kept in .local/dev; `npm start -- --reset` starts empty).',
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] failed: ${(error as Error).message}\n`);
  process.exit(1);
});
