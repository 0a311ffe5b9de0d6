import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, existsSync, readFileSync, writeFileSync, type WriteStream } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { isAlive } from './free-port';

/** One app the supervisor runs: `node <args>`, ready when `readyUrl` answers 200. */
export interface SupervisedApp {
  name: string;
  args: string[];
  readyUrl: string;
}

export interface SupervisorOptions {
  apps: SupervisedApp[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  /** Each app's JSON log goes to `<logDir>/<app>.log`; the apps' pids to `<logDir>/../app-pids.json`. */
  logDir: string;
  /** The supervisor's own lines. */
  print: (line: string) => void;
  /** Called with each log line of an app, already made human (`[app] level message`), and its level. */
  onLine?: (text: string, level: number) => void;
  /** Time an app has after SIGTERM before it is killed (its `SHUTDOWN_TIMEOUT_MS` plus a margin). */
  stopTimeoutMs: number;
  /** Waits before restarting an app that died, in turn; the last repeats. An app up for `stableMs` starts over. */
  restartDelaysMs?: number[];
  stableMs?: number;
}

const LEVEL_NAMES: Record<number, string> = { 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };
const RECENT_LINES = 8;

/** One JSON log line as `[app] level message`, or the raw line when it is not JSON. */
export function humanLine(app: string, line: string): { level: number; text: string } {
  try {
    const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
    const level = entry.level ?? 30;
    const extra = entry.err?.message && !entry.msg?.includes(entry.err.message) ? `: ${entry.err.message}` : '';
    return { level, text: `[${app}] ${LEVEL_NAMES[level] ?? level} ${entry.msg ?? line}${extra}` };
  } catch {
    return { level: 30, text: `[${app}] ${line}` };
  }
}

interface Running {
  child: ChildProcess;
  startedAt: number;
  exited: Promise<void>;
  recent: string[];
  restarts: number;
  everReady: boolean;
}

/**
 * Runs each app as its own process, like a deployment: an app that dies is restarted with backoff (1, 2, 4 … 30 s),
 * printing why (exit code or signal) and its last log lines, while the others go on. Apps run in their own process
 * groups, so a terminal's Ctrl-C reaches the supervisor only, which then stops them (`stop`): SIGTERM to each (they
 * finish their in-flight work within `SHUTDOWN_TIMEOUT_MS`), SIGKILL past `stopTimeoutMs`.
 */
export class AppSupervisor {
  private readonly running = new Map<string, Running>();
  private readonly logs = new Map<string, WriteStream>();
  private stopping = false;
  private readonly pidFile: string;

  constructor(private readonly options: SupervisorOptions) {
    this.pidFile = join(options.logDir, '..', 'app-pids.json');
  }

  /** Kills apps a supervisor that was itself killed left running (their ports would be taken). */
  stopOrphans(): void {
    if (!existsSync(this.pidFile)) return;
    const pids = JSON.parse(readFileSync(this.pidFile, 'utf8')) as Record<string, number>;
    for (const [app, pid] of Object.entries(pids)) {
      const cmdline = (() => {
        try {
          return readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        } catch {
          return '';
        }
      })();
      if (isAlive(pid) && cmdline.includes(join('apps', app, 'src', 'main'))) {
        this.options.print(`stopping ${app} (pid ${pid}) left running by an earlier start`);
        process.kill(pid, 'SIGKILL');
      }
    }
  }

  start(): void {
    for (const app of this.options.apps) this.spawn(app, 0);
  }

  /** The current pid of each app. */
  pids(): Record<string, number> {
    return Object.fromEntries([...this.running].map(([name, r]) => [name, r.child.pid!]));
  }

  /** Resolves when every app answers ready; fails when one exits before it ever was, or at `timeoutMs`. */
  async waitReady(timeoutMs: number): Promise<void> {
    await Promise.all(this.options.apps.map((app) => this.waitAppReady(app, timeoutMs, true)));
  }

  /** Stops every app (SIGTERM, SIGKILL after `stopTimeoutMs`) and closes their logs. */
  async stop(): Promise<void> {
    this.stopping = true;
    await Promise.all(
      [...this.running].map(async ([name, { child, exited }]) => {
        if (child.exitCode !== null || child.signalCode !== null) return;
        child.kill('SIGTERM');
        const timedOut = await Promise.race([exited.then(() => false), sleep(this.options.stopTimeoutMs, true)]);
        if (timedOut) {
          this.options.print(`${name} did not stop within ${this.options.stopTimeoutMs / 1000} s: killing it`);
          child.kill('SIGKILL');
          await exited;
        } else if (child.exitCode !== 0 && child.signalCode !== 'SIGTERM') {
          this.options.print(`${name} stopped with ${child.signalCode ?? `code ${child.exitCode}`} (see its log)`);
        }
      }),
    );
    await Promise.all([...this.logs.values()].map((file) => new Promise((resolve) => file.end(resolve))));
    writeFileSync(this.pidFile, '{}');
  }

  private logOf(app: string): WriteStream {
    let file = this.logs.get(app);
    if (!file) this.logs.set(app, (file = createWriteStream(join(this.options.logDir, `${app}.log`), { flags: 'a' })));
    return file;
  }

  private spawn(app: SupervisedApp, restarts: number): void {
    const child = spawn(process.execPath, app.args, {
      cwd: this.options.cwd,
      env: this.options.env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    const previous = this.running.get(app.name);
    const entry: Running = {
      child,
      startedAt: Date.now(),
      exited,
      recent: previous?.recent ?? [],
      restarts,
      everReady: previous?.everReady ?? false,
    };
    this.running.set(app.name, entry);
    writeFileSync(this.pidFile, JSON.stringify(this.pids()));
    const file = this.logOf(app.name);
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on('line', (line) => {
        file.write(`${line}\n`);
        const human = humanLine(app.name, line);
        entry.recent.push(human.text);
        if (entry.recent.length > RECENT_LINES) entry.recent.shift();
        if (!this.stopping) this.options.onLine?.(human.text, human.level);
      });
    }
    child.once('error', (error) => this.options.print(`${app.name} could not be started: ${error.message}`));
    child.once('exit', (code, signal) => void this.exited(app, entry, code, signal));
  }

  private async exited(app: SupervisedApp, entry: Running, code: number | null, signal: NodeJS.Signals | null): Promise<void> {
    if (this.stopping || !entry.everReady) return; // before it was ever ready, waitReady reports the failure
    const { print } = this.options;
    print(`${app.name} exited (${signal ?? `code ${code}`}); its last log lines (all in ${join(this.options.logDir, `${app.name}.log`)}):`);
    for (const line of entry.recent) print(`  ${line}`);
    const delays = this.options.restartDelaysMs ?? [1_000, 2_000, 4_000, 8_000, 16_000, 30_000];
    const restarts = Date.now() - entry.startedAt >= (this.options.stableMs ?? 60_000) ? 0 : entry.restarts;
    const delay = delays[Math.min(restarts, delays.length - 1)];
    print(`restarting ${app.name} in ${delay / 1000} s (the other apps go on)`);
    await sleep(delay);
    if (this.stopping) return;
    this.spawn(app, restarts + 1);
    try {
      await this.waitAppReady(app, 180_000, false);
      print(`${app.name} is ready again (pid ${this.running.get(app.name)!.child.pid})`);
    } catch (error) {
      if (!this.stopping) print(`${app.name}: ${(error as Error).message}`);
    }
  }

  private async waitAppReady(app: SupervisedApp, timeoutMs: number, firstStart: boolean): Promise<void> {
    const entry = this.running.get(app.name)!;
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.stopping) return;
      if (entry.child.exitCode !== null || entry.child.signalCode !== null) {
        if (firstStart)
          throw new Error(
            `${app.name} exited (${entry.child.signalCode ?? `code ${entry.child.exitCode}`}) before it was ready; its last log lines:\n${entry.recent.map((l) => `  ${l}`).join('\n')}`,
          );
        return; // a restart that died: its exit handler restarts it again
      }
      try {
        if ((await fetch(app.readyUrl, { signal: AbortSignal.timeout(2_000) })).ok) {
          entry.everReady = true;
          return;
        }
      } catch {
        // not listening yet
      }
      await sleep(250);
    }
    throw new Error(`${app.name} was not ready within ${timeoutMs / 1000} s (${app.readyUrl})`);
  }
}
