import { toLatin } from './transliterate';

/** Apostrophes and quote-like marks removed without a space (O'Doyle → ODOYLE, Xi'an → XIAN). */
const APOSTROPHES = /['\u2018\u2019\u02bc\u02bb`\u00b4"\u201c\u201d\u00ab\u00bb\u201e]/g;

/**
 * Normalised tokens of a name or text fragment:
 * NFKC → Latin transliteration → lower case → apostrophes/quotes and dots dropped (S.A. → sa,
 * CO.,LTD → co ltd) → `&` → `and` → other punctuation to spaces → letters and digits split (NO.3 → no 3)
 * → runs of two or more single letters merged (N K Bansal → nk bansal, d. o. o. → doo).
 * @returns tokens of [a-z0-9]+, possibly empty.
 */
export function normaliseTokens(input: string): string[] {
  let s = toLatin(input).toLowerCase();
  s = s
    .replace(APOSTROPHES, '')
    .replace(/\./g, ' .')
    .replace(/ \.(?=[a-z0-9])/g, '')
    .replace(/ \./g, '');
  s = s.replace(/&/g, ' and ').replace(/[^a-z0-9]+/g, ' ');
  s = s.replace(/([a-z])(?=\d)/g, '$1 ').replace(/(\d)(?=[a-z])/g, '$1 ');
  const raw = s.split(' ').filter(Boolean);
  return mergeSingleLetters(raw);
}

/** Merges runs of ≥ 2 one-letter tokens into one token (initials, spaced abbreviations). */
export function mergeSingleLetters(tokens: string[]): string[] {
  const out: string[] = [];
  let run = '';
  let runLen = 0;
  const flush = () => {
    if (runLen >= 2) out.push(run);
    else if (runLen === 1) out.push(run);
    run = '';
    runLen = 0;
  };
  for (const t of tokens) {
    if (t.length === 1 && /[a-z]/.test(t)) {
      run += t;
      runLen++;
    } else {
      flush();
      out.push(t);
    }
  }
  flush();
  return out;
}

/** A name or fragment as one normalised string (tokens joined by single spaces). */
export function normaliseText(input: string): string {
  return normaliseTokens(input).join(' ');
}
