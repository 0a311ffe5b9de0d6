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
  return [...heapLimitFlags(app), '-r', 'ts-node/register/transpile-only', '-r', 'tsconfig-paths/register', join(root, 'apps', app, 'src', 'main.ts')];
}

/**
 * Runs an app as a real child process with `env` added to the environment, so a test can SIGKILL it mid-work and
 * start it again. Resolves once its `/health/ready` (or, with `until: 'live'`, `/health/live`: an app started
 * without a dependency) answers 200 on `port`.
 */
export async function startAppProcess(app: string, env: Record<string, string>, port: number, timeoutMs = 60_000, until: 'ready' | 'live' = 'ready'): Promise<ChildProcess> {
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

/** SIGKILLs the process and waits until it is gone. */
export async function killAppProcess(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
}
