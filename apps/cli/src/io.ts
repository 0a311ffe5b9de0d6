import { SingleBar, Presets } from 'cli-progress';
import { visibleControls } from './render/visible';

/** Where a command writes, and what it reads from its surroundings; tests pass their own to capture the output. */
export interface CliIo {
  out(text: string): void;
  err(text: string): void;
  /** Environment the defaults come from (`TM_API_URL`, `TM_API_KEY`, app ports). */
  env: NodeJS.ProcessEnv;
  /** Progress bars only on an interactive terminal: piped or captured output gets the summary lines alone. */
  interactive: boolean;
}

/**
 * The real terminal. Whatever is written shows its controls as `<U+XXXX>` (`visibleControls`): user text in a line
 * (a file name, an API error echoing a field) cannot reorder or rewrite the output. `--json` is written with
 * `terminalJson`, which has none left to show.
 */
export function processIo(): CliIo {
  const line = (text: string) => visibleControls(text.endsWith('\n') ? text : `${text}\n`);
  return {
    out: (text) => process.stdout.write(line(text)),
    err: (text) => process.stderr.write(line(text)),
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
  const bar = new SingleBar(
    { format: `${title} [{bar}] {value}/{total} {label}`, hideCursor: true, clearOnComplete: false, stream: process.stderr },
    Presets.shades_classic,
  );
  bar.start(total, 0, { label: '' });
  return {
    update: (value, newTotal, label) => {
      if (newTotal !== undefined) bar.setTotal(newTotal);
      bar.update(value, { label: visibleControls(label ?? '') });
    },
    stop: () => bar.stop(),
  };
}

/** Work whose size the client cannot know (a list import runs in the processor): its stage and the time it has taken. */
export interface Activity {
  stage(text: string): void;
  stop(): void;
}

/**
 * Shows that long work goes on: on a terminal a line redrawn every second (`importing ofac-sdn: the processor is
 * importing the list… 42 s`); otherwise (piped, CI) a line on stderr at each new stage and every `everyMs`.
 */
export function startActivity(io: CliIo, title: string, everyMs = 10_000): Activity {
  const started = Date.now();
  let stage = '';
  const line = () => `${title}: ${stage} ${Math.round((Date.now() - started) / 1000)} s`;
  if (io.interactive) {
    const bar = new SingleBar({ format: `{line}`, hideCursor: true, clearOnComplete: false, stream: process.stderr, noTTYOutput: false });
    bar.start(1, 0, { line: line() });
    const timer = setInterval(() => bar.update(0, { line: line() }), 1_000);
    return {
      stage: (text) => {
        stage = text;
        bar.update(0, { line: line() });
      },
      stop: () => {
        clearInterval(timer);
        bar.stop();
      },
    };
  }
  const timer = setInterval(() => io.err(line()), everyMs);
  return {
    stage: (text) => {
      if (text === stage) return;
      stage = text;
      io.err(line());
    },
    stop: () => clearInterval(timer),
  };
}
