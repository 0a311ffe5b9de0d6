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
 * dies. `--verbose` prints every log line. An app that dies is restarted with backoff while the others go on
 * (libs/local-stack AppSupervisor). Ctrl-C (SIGINT, SIGTERM, SIGHUP) stops the apps (each finishing its in-flight work
 * within SHUTDOWN_TIMEOUT_MS), then Kafka, then PostgreSQL if this script started them. `--data-dir <folder>` keeps the
 * data, logs and key elsewhere than `.local/dev`; `--skip-lists` does not import the bundled lists.
 *
 * While it runs, `.local/running-stack.json` (or `TM_LOCAL_STACK_FILE`) records its pid, the API's URL, the apps'
 * ports, the data folder and the admin key's file, so the CLI talks to this stack with its key whatever the data folder
 * and ports (see apps/cli/src/local-setup.ts); it is removed when the script stops.
 */
import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { createPgPool, runMigrations } from '@tm/database';
import { AppSupervisor, localDir, repoRoot, startLocalStack } from '@tm/local-stack';
import { createTopics } from '@tm/messaging';
import { APP_PORT_VARIABLES, heapLimitFlags, loadEnvironment, type AppName, type Environment } from '@tm/platform';
import { importSanctionsList } from '@tm/sanctions';
import { BUNDLED_LISTS } from '@tm/screening';
import { localStackFile, removeLocalStack, writeLocalStack } from '../apps/cli/src/local-setup';

/** The apps in the order they are started: the API last. */
const APPS: readonly AppName[] = ['processor', 'outbox-relay', 'projector', 'screening', 'notifier', 'api'];

const READY_TIMEOUT_MS = 180_000;

function log(message: string): void {
  process.stdout.write(`[start] ${message}\n`);
}

/** The value of `--name <value>` or `--name=<value>` on the command line. */
function option(name: string): string | undefined {
  const args = process.argv.slice(2);
  const i = args.findIndex((a) => a === name || a.startsWith(`${name}=`));
  if (i < 0) return undefined;
  return args[i].includes('=') ? args[i].slice(name.length + 1) : args[i + 1];
}

/**
 * The admin key the local apps accept (`BOOTSTRAP_ADMIN_KEY`): the configured one, else one generated at the first
 * start and kept in `<data dir>/bootstrap-admin-key` (default `.local/dev`), which the CLI finds through the stack's
 * record (see `writeLocalStack`).
 */
function bootstrapAdminKey(root: string): { key: string; file?: string } {
  if (process.env.BOOTSTRAP_ADMIN_KEY) return { key: process.env.BOOTSTRAP_ADMIN_KEY };
  const file = join(root, 'bootstrap-admin-key');
  if (!existsSync(file))
    writeFileSync(file, `tm_${randomBytes(4).toString('hex')}_${randomBytes(32).toString('base64url')}\n`, { mode: 0o600 });
  return { key: readFileSync(file, 'utf8').trim(), file };
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
      const result = await importSanctionsList(pool, list, {
        importDir,
        maxBytes: env.SANCTIONS_DOWNLOAD_MAX_BYTES,
        timeoutMs: env.SANCTIONS_DOWNLOAD_TIMEOUT_MS,
        metadata: { actor: 'system:npm-start' },
      });
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (result.status === 'failed') log(`  ${list.listId} not imported: ${result.reason.message}`);
      else
        log(
          `  ${list.listId} version ${result.version} ${result.status === 'imported' ? `imported: ${result.counts.entries} entries` : 'unchanged'} in ${seconds} s`,
        );
    }
  } finally {
    await pool.end();
  }
}

async function main(): Promise<void> {
  const reset = process.argv.includes('--reset');
  const verbose = process.argv.includes('--verbose');
  const dataDir = option('--data-dir');
  const root = dataDir ? resolve(dataDir) : localDir('dev');
  const recordFile = localStackFile(process.env, repoRoot())!;
  log(
    process.env.DATABASE_URL && process.env.KAFKA_BROKERS
      ? 'using the configured PostgreSQL and Kafka'
      : 'starting local PostgreSQL and Kafka (the first run fetches Kafka from Maven Central)…',
  );
  const stack = await startLocalStack({ root, kafkaCacheDir: localDir('kafka-runtime'), fresh: reset });
  let stopping = false;
  const running: { supervisor?: AppSupervisor } = {};
  // Services and apps run in their own process groups: Ctrl-C reaches this process only, which stops them in order.
  const stopAll = async (code: number) => {
    if (stopping) return;
    stopping = true;
    removeLocalStack(recordFile);
    log('stopping apps…');
    await running.supervisor?.stop();
    log('apps stopped; stopping services…');
    await stack.stop(log).catch((error: unknown) => log(`a service did not stop cleanly: ${(error as Error).message}`));
    log('stopped');
    process.exit(code);
  };
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) process.on(signal, () => void stopAll(0));

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
  let ready = false;
  const supervisor = (running.supervisor = new AppSupervisor({
    apps: APPS.map((app) => ({
      name: app,
      args: [...heapLimitFlags(app), join(__dirname, '..', 'apps', app, 'src', 'main.js')],
      readyUrl: `http://127.0.0.1:${env[APP_PORT_VARIABLES[app]]}/health/ready`,
    })),
    cwd: repoRoot(),
    env: childEnv,
    logDir,
    print: log,
    // During start-up and shutdown the apps' complaints about services not there yet or vanishing stay in the log file.
    onLine: (text, level) => {
      if (verbose || (ready && !stopping && level >= 40)) process.stdout.write(`${text}\n`);
    },
    stopTimeoutMs: env.SHUTDOWN_TIMEOUT_MS + 5_000,
  }));
  supervisor.stopOrphans();
  supervisor.start();
  log(
    `apps starting (one process each, restarted if one dies): ${Object.entries(supervisor.pids())
      .map(([app, pid]) => `${app} (pid ${pid})`)
      .join(', ')}; logs in ${logDir}`,
  );
  try {
    await supervisor.waitReady(READY_TIMEOUT_MS);
    if (stopping) return;
    log('every app is ready');
    if (process.argv.includes('--skip-lists')) log('sanctions lists not imported (--skip-lists)');
    else await importBundledLists(env);
  } catch (error) {
    if (stopping) return;
    log(`failed: ${(error as Error).message}`);
    return stopAll(1);
  }
  ready = true;

  const api = `http://127.0.0.1:${env.API_PORT}`;
  const ports = Object.fromEntries(Object.values(APP_PORT_VARIABLES).map((variable) => [variable, String(env[variable])]));
  writeLocalStack(recordFile, { pid: process.pid, apiUrl: api, ports, adminKeyFile: admin.file, dataDir: root });
  process.on('exit', () => removeLocalStack(recordFile));
  process.stdout.write(
    [
      '',
      'Transfer Monitor is running.',
      `  API           ${api}`,
      `  OpenAPI docs  ${api}/docs`,
      `  Dashboard     ${api}/ui/ (enter the admin key below, or any API key)`,
      `  Admin key     ${admin.file ? `${admin.file} (the CLI on this machine uses it, and this API, while npm start runs: see ${relative(process.cwd(), recordFile) || recordFile})` : 'BOOTSTRAP_ADMIN_KEY as configured (give the CLI TM_API_KEY)'}`,
      `  Logs          ${logDir}/<app>.log (warnings and errors also show here)`,
      '',
      'In a second terminal:',
      "  npm run example                    post the article's reports, print the ledgers, the timeline and the alerts",
      "  npx transfer-monitor ledger RU     a country's ledger",
      "  npx transfer-monitor health        every app's readiness",
      '  npx transfer-monitor --help        everything else',
      '',
      `Ctrl-C stops everything (data is kept in ${relative(process.cwd(), root) || root}; \`npm start -- --reset\` starts empty).`,
      '',
    ].join('\n'),
  );
}

main().catch((error: unknown) => {
  process.stderr.write(`[start] failed: ${(error as Error).message}\n`);
  process.exit(1);
});
