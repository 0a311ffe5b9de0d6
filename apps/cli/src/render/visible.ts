/**
 * Characters a terminal acts on instead of showing: the Unicode bidi controls (U+061C, U+200E–U+200F,
 * U+202A–U+202E, U+2066–U+2069), which reorder the rest of a line (a report text holding U+202E would turn a table
 * around), the C0 and C1 controls other than tab and line feed (ESC starts escape sequences, CR overwrites a line) and
 * the line and paragraph separators U+2028–U+2029.
 */
const TERMINAL_CONTROLS = /[\p{Bidi_Control}\u2028\u2029]|(?![\t\n])\p{Cc}/gu;

const codePoint = (char: string) => char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0');

/**
 * `text` as a terminal should show it: every control of {@link TERMINAL_CONTROLS} written out as `<U+XXXX>`, so user
 * text (report titles, claim items, names, file names) is shown as stored and cannot reorder or rewrite the output.
 */
export function visibleControls(text: string): string {
  return text.replace(TERMINAL_CONTROLS, (char) => `<U+${codePoint(char)}>`);
}

/**
 * `value` as indented JSON for the terminal (`--json`): the same JSON text as `JSON.stringify(value, null, 2)` except
 * that the controls of {@link TERMINAL_CONTROLS} in strings are written as `\uXXXX` escapes, so the terminal does not
 * act on them while `JSON.parse` still gives the data as the API returned it.
 */
export function terminalJson(value: unknown): string {
  // Outside strings JSON holds no such character, and JSON.stringify already escapes the C0 controls.
  return JSON.stringify(value, null, 2).replace(TERMINAL_CONTROLS, (char) => `\\u${codePoint(char).toLowerCase()}`);
}
