import { SingleBar, Presets } from 'cli-progress';

/** Where a command writes, and what it reads from its surroundings; tests pass their own to capture the output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Environment the defaults come from (`TM_API_URL`, `TM_API_KEY`, app ports). */
  env: NodeJS.ProcessEnv;
  /** Progress bars only on an interactive terminal: piped or captured output gets the summary lines alone. */
  interactive: boolean;
}

/** The real terminal. */
export function processIo(): CliIo {
  return {
    out: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
    err: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
    env: process.env,
    interactive: Boolean(process.stderr.isTTY),
  };
}

/** A progress bar for long work (list imports, rebuilds, bulk posts); a no-op when the output is not a terminal. */
export interface Progress {
  update(value: number, total?: number, label?: string): void;
  stop(): void;
}

/** Starts a progress bar on stderr (stdout stays clean for tables and `--json`). */
export function startProgress(io: CliIo, title: string, total: number): Progress {
  if (!io.interactive) return { update: () => undefined, stop: () => undefined };
  const bar = new SingleBar({ format: `${title} [{bar}] {value}/{total} {label}`, hideCursor: true, clearOnComplete: false, stream: process.stderr }, Presets.shades_classic);
  bar.start(total, 0, { label: '' });
  return {
    update: (value, newTotal, label) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(value, { label: label ?? '' });
    },
    stop: () => bar.stop(),
  };
}
