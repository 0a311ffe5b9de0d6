/**
 * Plain tables for the terminal (no colours, so piped output and logs stay readable), drawn here rather than by a
 * table library: the CLI's tables hold whatever the read models hold (a ledger row of hundreds of items and parties),
 * and cli-table3 0.6.5 takes time cubic in a cell's length to draw it (80 s for a cell of 200 lines). Drawing is
 * linear in the text, and each cell is bounded: wrapped to its column and cut after `MAX_CELL_LINES` lines with a
 * line saying how many more there were. The box characters and padding are cli-table3's, so the output looks the same.
 * Controls in cells (bidi overrides, escape sequences) are shown as `<U+XXXX>` (see `visibleControls`), so a cell
 * cannot reorder or rewrite the table.
 */
import { visibleControls } from './visible';

/** Lines a cell shows at most; the last of them then says how many more there were. */
export const MAX_CELL_LINES = 40;
/** The widest a column sized to its content gets (display columns, padding included). */
const MAX_AUTO_WIDTH = 80;

/**
 * Terminal columns a code point takes: 2 for East Asian wide and full-width forms and emoji, 0 for combining marks
 * and zero-width characters, else 1 (a small subset of Unicode's East Asian Width property, UAX #11).
 */
function codePointWidth(cp: number): number {
  if ((cp >= 0x300 && cp <= 0x36f) || (cp >= 0x200b && cp <= 0x200f) || (cp >= 0xfe00 && cp <= 0xfe0f)) return 0;
  if (
    (cp >= 0x1100 && cp <= 0x115f) ||
    (cp >= 0x2e80 && cp <= 0xa4cf && cp !== 0x303f) ||
    (cp >= 0xac00 && cp <= 0xd7a3) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0xfe30 && cp <= 0xfe4f) ||
    (cp >= 0xff00 && cp <= 0xff60) ||
    (cp >= 0xffe0 && cp <= 0xffe6) ||
    (cp >= 0x1f300 && cp <= 0x1f64f) ||
    (cp >= 0x1f900 && cp <= 0x1f9ff) ||
    (cp >= 0x20000 && cp <= 0x3fffd)
  )
    return 2;
  return 1;
}

/** Terminal columns `text` takes on one line (see `codePointWidth`). */
export function displayWidth(text: string): number {
  let width = 0;
  for (const char of text) width += codePointWidth(char.codePointAt(0)!);
  return width;
}

/** `text` cut to at most `width` columns, ending in `…` when cut. */
export function clip(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  let out = '';
  let used = 0;
  for (const char of text) {
    const w = codePointWidth(char.codePointAt(0)!);
    if (used + w > width - 1) break;
    out += char;
    used += w;
  }
  return `${out}…`;
}

/** Pieces of `word` of at most `width` columns each (a word wider than its column is cut, not lost). */
function splitWord(word: string, width: number): string[] {
  const pieces: string[] = [];
  let piece = '';
  let used = 0;
  for (const char of word) {
    const w = codePointWidth(char.codePointAt(0)!);
    if (used + w > width && piece) {
      pieces.push(piece);
      piece = '';
      used = 0;
    }
    piece += char;
    used += w;
  }
  if (piece) pieces.push(piece);
  return pieces;
}

/**
 * `text` as lines of at most `width` columns (width ≥ 1): its own line breaks kept (empty lines left out, as cli-table3
 * does), words moved whole to the next line when they do not fit (runs of spaces between words become one), words
 * wider than a line cut into pieces. At least one line, empty for an empty text.
 */
export function wrapText(text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    let used = 0;
    for (const word of paragraph.split(/\s+/).filter(Boolean)) {
      for (const piece of displayWidth(word) > width ? splitWord(word, width) : [word]) {
        const w = displayWidth(piece);
        if (used > 0 && used + 1 + w <= width) {
          line += ` ${piece}`;
          used += 1 + w;
        } else {
          if (used > 0) lines.push(line);
          line = piece;
          used = w;
        }
      }
    }
    if (used > 0) lines.push(line);
  }
  return lines.length > 0 ? lines : [''];
}

/** A cell's lines, at most `MAX_CELL_LINES`: the last then says how many lines are left out. */
function cellLines(text: string, width: number | undefined): string[] {
  // clip: a character wider than a narrow column (a wide one in a column of 1) is shown as `…`.
  const lines = (width === undefined ? text.split('\n') : wrapText(text, width)).map((l) => clip(l, width ?? MAX_AUTO_WIDTH - 2));
  if (lines.length <= MAX_CELL_LINES) return lines;
  const shown = lines.slice(0, MAX_CELL_LINES - 1);
  return [...shown, clip(`… ${lines.length - shown.length} more lines`, width ?? MAX_AUTO_WIDTH - 2)];
}

/**
 * A table with a border around each cell (cli-table3's look): `colWidths[i]` is column i's width with one space of
 * padding each side; a column without one (or `null`) is as wide as its widest line, up to 80. Cells are wrapped to
 * their column and bounded (see `MAX_CELL_LINES`), so drawing takes time linear in the text shown. Controls in a cell
 * are written out as `<U+XXXX>` before it is wrapped.
 */
export function renderTable(head: string[], rows: (string | number)[][], colWidths?: (number | null)[]): string {
  const columns = Math.max(head.length, ...rows.map((r) => r.length));
  const fixed = Array.from({ length: columns }, (_, i) => {
    const width = colWidths?.[i];
    return typeof width === 'number' && width > 2 ? width - 2 : undefined;
  });
  const cells = [head, ...rows].map((row) =>
    Array.from({ length: columns }, (_, i) => cellLines(visibleControls(String(row[i] ?? '')), fixed[i])),
  );
  const widths = fixed.map((width, i) => width ?? Math.max(0, ...cells.flatMap((row) => row[i]!.map(displayWidth))));
  const rule = (left: string, mid: string, right: string) => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(mid)}${right}`;
  const out = [rule('┌', '┬', '┐')];
  cells.forEach((row, r) => {
    if (r > 0) out.push(rule('├', '┼', '┤'));
    const height = Math.max(...row.map((lines) => lines.length));
    for (let l = 0; l < height; l++) {
      const line = row.map((lines, i) => {
        const text = lines[l] ?? '';
        return ` ${text}${' '.repeat(Math.max(0, widths[i]! - displayWidth(text)))} `;
      });
      out.push(`│${line.join('│')}│`);
    }
  });
  out.push(rule('└', '┴', '┘'));
  return out.join('\n');
}

/** `a..b` for date bounds (EDTF style: `..b` open start, `a..` open end), one value when both bounds agree. */
export function dateRange(earliest?: string, latest?: string): string {
  const open = (value?: string) => (!value || /infinity/.test(value) ? '' : value);
  if (!earliest && !latest) return '';
  if (earliest === latest) return open(earliest);
  return `${open(earliest)}..${open(latest)}`;
}
