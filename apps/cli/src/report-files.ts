import { createHash } from 'node:crypto';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { CliError } from './cli-error';

/** One report file: the `POST /v1/reports` body and the evidence to add to its claims afterwards. */
export interface ReportFile {
  file: string;
  report: Record<string, unknown>;
  evidence: { claimId: string; body: Record<string, unknown> }[];
}

/** A path that gave no report body: missing, unreadable, not JSON or not a JSON object. */
export interface UnreadableFile {
  file: string;
  problem: string;
}

/**
 * Reads report files: `{ report, evidence? }` (the layout of `examples/reports/`) or a bare `POST /v1/reports`
 * body. A folder stands for its `*.json` files in name order. A path that is missing or a file that holds no JSON
 * object is returned as an {@link UnreadableFile} in its place, so the other files are still posted.
 * @throws CliError when the paths name no file at all (only empty folders).
 */
export function readReportFiles(paths: string[]): (ReportFile | UnreadableFile)[] {
  const files = paths.flatMap((path): (string | UnreadableFile)[] => {
    let stats;
    try {
      stats = statSync(path);
    } catch {
      return [{ file: path, problem: 'no such file or folder' }];
    }
    if (!stats.isDirectory()) return [path];
    return readdirSync(path)
      .filter((name) => name.endsWith('.json'))
      .sort()
      .map((name) => join(path, name));
  });
  if (files.length === 0) throw new CliError(`no .json report files in ${paths.join(', ')}`);
  return files.map((file) => (typeof file === 'string' ? readReportFile(file) : file));
}

function readReportFile(file: string): ReportFile | UnreadableFile {
  let content: unknown;
  try {
    content = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    return { file, problem: code ? `not readable (${code})` : `not valid JSON (${message})` };
  }
  if (typeof content !== 'object' || content === null || Array.isArray(content)) return { file, problem: 'does not hold a JSON object' };
  const object = content as Record<string, unknown>;
  if (typeof object.report === 'object' && object.report !== null) {
    return {
      file,
      report: object.report as Record<string, unknown>,
      evidence: (object.evidence as ReportFile['evidence'] | undefined) ?? [],
    };
  }
  return { file, report: object, evidence: [] };
}

/**
 * An Idempotency-Key for a body: posting the same file again gets the same command and report instead of a
 * duplicate, so an interrupted bulk post can simply be run again.
 */
export function idempotencyKeyFor(file: string, part: string, body: unknown): string {
  const digest = createHash('sha256').update(JSON.stringify(body)).digest('hex').slice(0, 32);
  return `cli:${basename(file)
    .replace(/[^\x21-\x7e]/g, '_')
    .slice(0, 100)}:${part}:${digest}`;
}
