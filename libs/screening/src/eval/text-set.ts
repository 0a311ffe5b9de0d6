/**
 * Set 6: text scans. `data/eval/seed-article.txt` and `data/eval/news-like-text.txt` name no sanctioned party: each
 * paragraph (blank-line separated) is screened as a report's text through the app's call; every alert is a false
 * alarm (target 0). `data/eval/text-positives.csv` holds texts that do name a listed party: a row is found when an
 * alert names the expected entry (by `list_id`/`entry_id` when the file gives them, else by the expected name's words).
 * A file not there yet is reported as not measured.
 */
import { screenAsApp, textReport, describeAlert, type AppContext } from './app-call';
import { readEvalCsv, readEvalText } from './csv';
import { ratio, wordKey } from './metrics';

export interface TextFileResult {
  file: string;
  present: boolean;
  paragraphs: number;
  alerts: number;
  alertList: Array<{ paragraph: number; span: string; alert: string }>;
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

/** Paragraphs of a text: blank-line separated blocks, trimmed, empty ones dropped. */
export function paragraphs(text: string): string[] {
  return text.split(/\r?\n\s*\r?\n/).map((p) => p.trim()).filter(Boolean);
}

export function runTextSet(ctx: AppContext): TextResult {
  const files = NEGATIVE_TEXT_FILES.map((file): TextFileResult => {
    const text = readEvalText(file);
    if (text === undefined) return { file, present: false, paragraphs: 0, alerts: 0, alertList: [] };
    const ps = paragraphs(text);
    const alertList: TextFileResult['alertList'] = [];
    ps.forEach((p, i) => {
      for (const a of screenAsApp(ctx, textReport(`text-${i}`, p))) alertList.push({ paragraph: i + 1, span: a.queryName, alert: describeAlert(a) });
    });
    return { file, present: true, paragraphs: ps.length, alerts: alertList.length, alertList };
  });
  return { files, positives: runTextPositives(ctx) };
}

const pick = (row: Record<string, string>, names: string[]) => names.map((n) => row[n]).find((v) => v !== undefined && v !== '');

function runTextPositives(ctx: AppContext): TextPositivesResult {
  const rows = readEvalCsv('text-positives.csv');
  if (!rows) return { present: false, rows: 0, found: 0, share: 0, columns: [], misses: [] };
  const columns = Object.keys(rows[0] ?? {});
  const misses: TextPositivesResult['misses'] = [];
  let found = 0;
  rows.forEach((r, row) => {
    const text = pick(r, ['text', 'sentence', 'paragraph', 'snippet']) ?? '';
    const listId = pick(r, ['list_id', 'listId', 'list']);
    const entryId = pick(r, ['entry_id', 'entryId', 'id']);
    const name = pick(r, ['expected_name', 'expected', 'entry_name', 'listed_name', 'name', 'matched_name']) ?? '';
    const alerts = screenAsApp(ctx, textReport(`positive-${row}`, text));
    const hit = alerts.some((a) =>
      entryId ? a.entryId === entryId && (!listId || a.listId === listId) : !!name && [a.entryName, a.matchedName].some((n) => wordKey(n) === wordKey(name)),
    );
    if (hit) found++;
    else misses.push({ row: row + 1, text: text.length > 160 ? `${text.slice(0, 157)}…` : text, expected: entryId ? `${listId ?? ''}:${entryId} ${name}` : name, alerts: alerts.map(describeAlert) });
  });
  return { present: true, rows: rows.length, found, share: ratio(found, rows.length), columns, misses };
}
