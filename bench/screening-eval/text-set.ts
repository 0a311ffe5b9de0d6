/**
 * Set 6: text scans. `data/eval/seed-article.txt` and `data/eval/news-like-text.txt` are ordinary text: each paragraph
 * (one per line; blank lines are skipped) is screened as a report's text through the app's call. A file may name
 * listed parties on purpose: `data/eval/<file stem>.listed.csv` (header `name,expected`, `expected` =
 * `listId:entryId`) lists the entries it really names (the seed article names Putin, Lukashenko and Raisi). Every
 * other alert is a false alarm (target 0): `alerts` counts those. `data/eval/text-positives.csv` (header
 * `text,expected`, `expected` = `listId:entryId`) holds texts that name a listed party: a row is found when an alert
 * names that entry. A file not there yet is reported as not measured.
 */
import { screenAsApp, textReport, describeAlert, keyOf, type AppContext } from './app-call';
import { readEvalCsv, readEvalText } from './csv';
import { ratio } from './metrics';

export interface TextFileResult {
  file: string;
  present: boolean;
  paragraphs: number;
  /** False alarms: alerts on entries the file's `.listed.csv` does not name. */
  alerts: number;
  alertList: Array<{ paragraph: number; span: string; alert: string }>;
  /** Entries the file names on purpose (`<stem>.listed.csv`) and those of them alerted. */
  listed: { expected: string[]; found: string[]; missed: string[] };
}

export interface TextPositivesResult {
  present: boolean;
  rows: number;
  found: number;
  share: number;
  /** Column names the file was read with (for the note). */
  columns: string[];
  misses: Array<{ row: number; text: string; expected: string; alerts: string[] }>;
}

export interface TextResult {
  files: TextFileResult[];
  positives: TextPositivesResult;
}

export const NEGATIVE_TEXT_FILES = ['seed-article.txt', 'news-like-text.txt'];

/** Paragraphs of a text: one per line, trimmed, empty lines dropped. */
export function paragraphs(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((p) => p.trim())
    .filter(Boolean);
}

/**
 * `listId:entryId` of an `expected` cell, or undefined when it is not one. The list id is the text before the first
 * colon (list ids hold none; entry ids may).
 */
export function parseExpected(cell: string | undefined): { listId: string; entryId: string } | undefined {
  const m = /^\s*([^:\s]+):(\S.*?)\s*$/.exec(cell ?? '');
  return m ? { listId: m[1]!, entryId: m[2]! } : undefined;
}

export function runTextSet(ctx: AppContext): TextResult {
  const files = NEGATIVE_TEXT_FILES.map((file): TextFileResult => {
    const text = readEvalText(file);
    const none = { expected: [], found: [], missed: [] };
    if (text === undefined) return { file, present: false, paragraphs: 0, alerts: 0, alertList: [], listed: none };
    const expected = (readEvalCsv(file.replace(/\.txt$/, '.listed.csv')) ?? [])
      .map((r) => parseExpected(r['expected']))
      .filter((e) => e !== undefined)
      .map(keyOf);
    const ps = paragraphs(text);
    const alertList: TextFileResult['alertList'] = [];
    const found = new Set<string>();
    ps.forEach((p, i) => {
      for (const a of screenAsApp(ctx, textReport(`text-${i}`, p))) {
        if (expected.includes(keyOf(a))) found.add(keyOf(a));
        else alertList.push({ paragraph: i + 1, span: a.queryName, alert: describeAlert(a) });
      }
    });
    const listed = { expected, found: expected.filter((e) => found.has(e)), missed: expected.filter((e) => !found.has(e)) };
    return { file, present: true, paragraphs: ps.length, alerts: alertList.length, alertList, listed };
  });
  return { files, positives: runTextPositives(ctx) };
}

function runTextPositives(ctx: AppContext): TextPositivesResult {
  const rows = readEvalCsv('text-positives.csv');
  if (!rows) return { present: false, rows: 0, found: 0, share: 0, columns: [], misses: [] };
  const columns = Object.keys(rows[0] ?? {});
  const misses: TextPositivesResult['misses'] = [];
  let found = 0;
  rows.forEach((r, row) => {
    const text = r['text'] ?? '';
    const expected = parseExpected(r['expected']);
    const alerts = screenAsApp(ctx, textReport(`positive-${row}`, text));
    const hit = !!expected && alerts.some((a) => keyOf(a) === keyOf(expected));
    if (hit) found++;
    else
      misses.push({
        row: row + 1,
        text: text.length > 160 ? `${text.slice(0, 157)}…` : text,
        expected: expected ? keyOf(expected) : `not listId:entryId: "${r['expected'] ?? ''}"`,
        alerts: alerts.map(describeAlert),
      });
  });
  return { present: true, rows: rows.length, found, share: ratio(found, rows.length), columns, misses };
}
