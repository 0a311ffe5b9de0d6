import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { ClientBase } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';

/**
 * `COPY … FROM STDIN` in PostgreSQL's text format, for the rebuild's bulk writes: rows go to the server as tab-separated
 * lines and are parsed there by the column types, without the JSON round trip of `jsonb_to_recordset` (one big JSON
 * document parsed to jsonb, then taken apart again).
 */

/** A JSON column's value already serialised (`JSON.stringify`): copied as is. */
export class JsonText {
  constructor(readonly text: string) {}
}

/** A value of a copied column: `null`/`undefined` → NULL; string[] → a `text[]` literal; objects → JSON. */
export type CopyValue = string | number | boolean | null | undefined | string[] | JsonText | object;

const SPECIAL = /[\\\n\r\t]/;
const SPECIALS = /[\\\n\r\t]/g;
const ESCAPES: Record<string, string> = { '\\': '\\\\', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Escapes a field for the text format: backslash, newline, carriage return and tab (the only special bytes). */
function escapeField(text: string): string {
  return SPECIAL.test(text) ? text.replace(SPECIALS, (c) => ESCAPES[c]) : text;
}

/** A `text[]` literal: every element double-quoted, `"` and `\` inside escaped with a backslash. */
function arrayLiteral(values: string[]): string {
  return `{${values.map((v) => `"${v.replace(/[\\"]/g, '\\$&')}"`).join(',')}}`;
}

/** One value as a text-format field. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'string') return escapeField(value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value instanceof JsonText) return escapeField(value.text);
  if (Array.isArray(value)) return escapeField(arrayLiteral(value as string[]));
  return escapeField(JSON.stringify(value));
}

/** Characters of text per chunk handed to the COPY stream (large enough to amortise the stream's per-chunk cost). */
const CHUNK_CHARS = 256 * 1024;

/** Rows encoded for `COPY … FROM STDIN` (text format), ready to send with {@link copyEncoded}. */
export interface EncodedRows {
  columns: readonly string[];
  /** Lines of tab-separated fields, each ending in a newline, grouped in chunks of about 256 K characters. */
  chunks: string[];
  rowCount: number;
}

/**
 * Encodes `rows` for {@link copyEncoded}: pure CPU work, which a caller can do while PostgreSQL works on something else.
 * @param columns the columns filled, in the order each row's values are read.
 */
export function encodeRows<R extends Record<string, unknown>>(columns: readonly (keyof R & string)[], rows: readonly R[]): EncodedRows {
  const chunks: string[] = [];
  let chunk = '';
  for (const row of rows) {
    let line = '';
    for (let i = 0; i < columns.length; i += 1) line += (i === 0 ? '' : '\t') + copyField(row[columns[i]] as CopyValue);
    chunk += `${line}\n`;
    if (chunk.length >= CHUNK_CHARS) {
      chunks.push(chunk);
      chunk = '';
    }
  }
  if (chunk.length > 0) chunks.push(chunk);
  return { columns, chunks, rowCount: rows.length };
}

/**
 * Copies encoded rows into `table` (schema-qualified, trusted: never user input) in the caller's transaction.
 * @throws the server's error (a unique violation, a value that does not parse as its column's type); the caller's
 *   transaction is then aborted.
 */
export async function copyEncoded(client: ClientBase, table: string, rows: EncodedRows): Promise<void> {
  if (rows.rowCount === 0) return;
  const stream = client.query(copyFrom(`COPY ${table} (${rows.columns.join(', ')}) FROM STDIN`));
  await pipeline(Readable.from(rows.chunks, { objectMode: false }), stream);
}
