import { ListFormatError } from '../errors';

/**
 * Parses JSON lines (one JSON object per non-blank line).
 * @throws ListFormatError naming the line that is not a JSON object.
 */
export function parseJsonLines<T>(format: string, text: string): T[] {
  const out: T[] = [];
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.trim();
    if (!line) continue;
    let v: unknown;
    try {
      v = JSON.parse(line);
    } catch (err) {
      throw new ListFormatError(format, `invalid JSON: ${(err as Error).message}`, `line ${i + 1}`);
    }
    if (!v || typeof v !== 'object' || Array.isArray(v)) throw new ListFormatError(format, 'line is not a JSON object', `line ${i + 1}`);
    out.push(v as T);
  }
  return out;
}
