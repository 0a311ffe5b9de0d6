import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { heapLimitFlags } from '@tm/platform';

const root = join(__dirname, '..', '..', '..');

/**
 * The command that runs an app: its compiled `main.js` from the build the test run made
 * (`TM_TEST_BUILD_DIR`, set by test/global-setup.ts), else its `main.ts` through ts-node (slower to start: each
 * process compiles the sources again).
 */
function appCommand(app: string): string[] {
  const built = process.env.TM_TEST_BUILD_DIR;
  if (built) return [...heapLimitFlags(app), join(built, 'apps', app, 'src', 'main.js')];
  return [
    ...heapLimitFlags(app),
    '-r',
    'ts-node/register/transpile-only',
    '-r',
    'tsconfig-paths/register',
    join(root, 'apps', app, 'src', 'main.ts'),
  ];
}

/**
 * Runs an app as a real child process with `env` added to the environment, so a test can SIGKILL it mid-work and
 * start it again. Resolves once its `/health/ready` (or, with `until: 'live'`, `/health/live`: an app started
 * without a dependency) answers 200 on `port`.
 */
export async function startAppProcess(
  app: string,
  env: Record<string, string>,
  port: number,
  timeoutMs = 60_000,
  until: 'ready' | 'live' = 'ready',
): Promise<ChildProcess> {
  const child = spawn(process.execPath, appCommand(app), {
    cwd: root,
    env: { ...process.env, ...env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
    stdio: process.env.TEST_LOG_LEVEL ? ['ignore', 'inherit', 'inherit'] : 'ignore',
  });
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`${app} exited with code ${child.exitCode} before it was ready`);
    try {
      const response = await fetch(`http://127.0.0.1:${port}/health/${until}`);
      if (response.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  child.kill('SIGKILL');
  throw new Error(`${app} was not ready within ${timeoutMs} ms`);
}

/** What a run of the command line printed and its exit code. */
export interface CliRun {
  code: number;
  out: string;
  err: string;
}

/**
 * Runs the `transfer-monitor` command line (apps/cli, a deployable like the other apps) as a child process, the way a
 * user does: from the test run's build when there is one (else through ts-node), with only `env` (plus `PATH`) as its
 * environment, output captured (so no progress bars: stderr is not a terminal).
 * @returns its exit code and what it wrote to stdout and stderr.
 */
export function runCliProcess(env: Record<string, string | undefined>, ...argv: string[]): Promise<CliRun> {
  const child = spawn(process.execPath, [...appCommand('cli'), ...argv], {
    cwd: root,
    env: { PATH: process.env.PATH, ...env, TS_NODE_PROJECT: join(root, 'tsconfig.json') },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stdout.on('data', (chunk: Buffer) => void (out += chunk.toString('utf8')));
  child.stderr.on('data', (chunk: Buffer) => void (err += chunk.toString('utf8')));
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code, signal) => resolve({ code: code ?? (signal ? 128 : 1), out, err }));
  });
}

/** SIGKILLs the process and waits until it is gone. */
export async function killAppProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
