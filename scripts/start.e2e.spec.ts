import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { Client } from 'pg';
import { freePort, isAlive } from '@tm/local-stack';
import { APP_PORT_VARIABLES, type AppName } from '@tm/platform';
import { createTestDatabase, runCliProcess, uniqueTopicPrefix, type TestDatabase } from '@tm/testing';

const APPS = Object.keys(APP_PORT_VARIABLES) as AppName[];
const PORT_VARIABLE = APP_PORT_VARIABLES;
const processGroup = (pid: number) => Number(execFileSync('ps', ['-o', 'pgid=', '-p', String(pid)], { encoding: 'utf8' }).trim());

/**
 * `npm start`'s compiled script (scripts/start.js from the run's build) with the test stack's PostgreSQL and Kafka
 * (DATABASE_URL / KAFKA_BROKERS set, so it provisions none), its own data folder, ports and record of what it runs
 * (TM_LOCAL_STACK_FILE, not the repository's), and no BOOTSTRAP_ADMIN_KEY: it generates the admin key in its data folder.
 */
describe('npm start supervises the apps', () => {
  let database: TestDatabase;
  let dataDir: string;
  let stackFile: string;
  let ports: Record<string, string>;
  let supervisor: ChildProcess;
  const lines: string[] = [];
  let exited: Promise<number | null>;

  /** Resolves with the first output line (from `from` on) matching `pattern`. */
  async function line(pattern: RegExp, timeoutMs = 60_000, from = 0): Promise<RegExpMatchArray> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      for (const text of lines.slice(from)) {
        const match = text.match(pattern);
        if (match) return match;
      }
      if (supervisor.exitCode !== null) break;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`no line matching ${pattern}; output:\n${lines.join('\n')}`);
  }
  const pids = () => JSON.parse(readFileSync(join(dataDir, 'app-pids.json'), 'utf8')) as Record<string, number>;
  const ready = async (app: AppName) => (await fetch(`http://127.0.0.1:${ports[PORT_VARIABLE[app]]}/health/ready`)).status;

  beforeAll(async () => {
    database = await createTestDatabase();
    dataDir = mkdtempSync(join(tmpdir(), 'tm-start-'));
    stackFile = join(dataDir, 'running-stack.json');
    ports = {};
    for (const app of APPS) ports[PORT_VARIABLE[app]] = String(await freePort());
    supervisor = spawn(
      process.execPath,
      [join(process.env.TM_TEST_BUILD_DIR!, 'scripts', 'start.js'), '--data-dir', dataDir, '--skip-lists'],
      {
        env: {
          ...process.env,
          ...ports,
          DATABASE_URL: database.url,
          KAFKA_BROKERS: process.env.KAFKA_BROKERS!,
          KAFKA_TOPIC_PREFIX: uniqueTopicPrefix(),
          KAFKA_COMMAND_PARTITIONS: '2',
          KAFKA_EVENT_PARTITIONS: '2',
          BOOTSTRAP_ADMIN_KEY: '',
          TM_LOCAL_STACK_FILE: stackFile,
          LOG_LEVEL: 'info',
          SHUTDOWN_TIMEOUT_MS: '5000',
        },
        // Its own process group, as a terminal's foreground job: Ctrl-C is sent to the whole group below.
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    exited = new Promise((resolve) => supervisor.once('exit', (code) => resolve(code)));
    for (const stream of [supervisor.stdout!, supervisor.stderr!])
      createInterface({ input: stream }).on('line', (text) => lines.push(text));
    await line(/Transfer Monitor is running/, 240_000);
  }, 300_000);

  afterAll(async () => {
    if (supervisor?.exitCode === null) {
      process.kill(-supervisor.pid!, 'SIGKILL');
      for (const pid of Object.values(pids())) if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    }
    await database?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it("prints the dashboard's URL in its banner", async () => {
    await line(new RegExp(`^  Dashboard +http://127\\.0\\.0\\.1:${ports.API_PORT}/ui/ `), 1_000);
  });

  it('lets the CLI reach its API with the admin key of its --data-dir, given neither TM_API_URL nor TM_API_KEY', async () => {
    const keyFile = join(dataDir, 'bootstrap-admin-key');
    expect(lines.some((l) => l.startsWith(`  Admin key     ${keyFile} (the CLI on this machine uses it`))).toBe(true);
    expect(JSON.parse(readFileSync(stackFile, 'utf8'))).toMatchObject({
      pid: supervisor.pid,
      apiUrl: `http://127.0.0.1:${ports.API_PORT}`,
      adminKeyFile: keyFile,
      dataDir,
      ports,
    });
    // An endpoint that needs a key (401 without one), and every app's readiness at this stack's ports.
    expect(await runCliProcess({ TM_LOCAL_STACK_FILE: stackFile }, '--json', 'alerts')).toMatchObject({ code: 0, err: '' });
    expect(await runCliProcess({ TM_LOCAL_STACK_FILE: stackFile }, 'health')).toMatchObject({ code: 0, err: '' });
  }, 60_000);

  it('restarts an app killed with SIGKILL, printing why, while the others stay up', async () => {
    const before = pids();
    // Every app is up (its output tells why if not) and leads a process group other than the supervisor's.
    expect(APPS.filter((app) => !isAlive(before[app])).map((app) => `${app}\n${lines.join('\n')}`)).toEqual([]);
    for (const app of APPS) expect(processGroup(before[app])).not.toBe(processGroup(supervisor.pid!));
    const from = lines.length;
    process.kill(before.processor, 'SIGKILL');
    await line(/processor exited \(SIGKILL\); its last log lines/, 10_000, from);
    await line(/restarting processor in 1 s/, 10_000, from);
    const [, pid] = await line(/processor is ready again \(pid (\d+)\)/, 120_000, from);
    expect(Number(pid)).not.toBe(before.processor);
    expect(pids().processor).toBe(Number(pid));
    for (const app of APPS.filter((a) => a !== 'processor')) {
      expect(pids()[app]).toBe(before[app]);
      expect(await ready(app)).toBe(200);
    }
    expect(await ready('processor')).toBe(200);
  }, 180_000);

  it('keeps every app when PostgreSQL ends all their sessions (pg_terminate_backend, 57P01)', async () => {
    const before = pids();
    const from = lines.length;
    const admin = new Client({ connectionString: database.url, application_name: 'start-e2e-admin' });
    await admin.connect();
    try {
      for (let round = 0; round < 5; round++) {
        await admin.query(
          `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid()`,
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
      }
    } finally {
      await admin.end();
    }
    await new Promise((resolve) => setTimeout(resolve, 3_000));
    expect(lines.slice(from).filter((l) => / exited \(/.test(l))).toEqual([]);
    expect(pids()).toEqual(before);
    for (const app of APPS) {
      const deadline = Date.now() + 30_000;
      while ((await ready(app)) !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 500));
      expect([app, await ready(app)]).toEqual([app, 200]);
    }
  }, 90_000);

  it('stops on Ctrl-C (SIGINT to its process group): every app first and cleanly, then the services, and exits 0', async () => {
    const apps = pids();
    const from = lines.length;
    process.kill(-supervisor.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    const output = lines.slice(from);
    const at = (text: string) => output.findIndex((l) => l.includes(text));
    expect(at('stopping apps')).toBeGreaterThanOrEqual(0);
    expect(at('apps stopped; stopping services')).toBeGreaterThan(at('stopping apps'));
    expect(at('[start] stopped')).toBeGreaterThan(at('apps stopped; stopping services'));
    // No app was restarted, and each finished within SHUTDOWN_TIMEOUT_MS (past it an app exits with code 1).
    expect(output.filter((l) => / exited \(|restarting | stopped with |did not stop within/.test(l))).toEqual([]);
    for (const pid of Object.values(apps)) expect(isAlive(pid)).toBe(false);
    // The CLI no longer takes the stopped stack's API and key for the running one.
    expect(existsSync(stackFile)).toBe(false);
  }, 60_000);
});
