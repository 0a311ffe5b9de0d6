/** Display text for codes the API answers. Pure: unit-tested without a browser. */

/** Admiralty (NATO STANAG 2511) source reliability A–F. */
export const RELIABILITY: Record<string, string> = {
  A: 'completely reliable',
  B: 'usually reliable',
  C: 'fairly reliable',
  D: 'not usually reliable',
  E: 'unreliable',
  F: 'reliability cannot be judged',
};

/** Admiralty information credibility 1–6 (1 best). */
export const CREDIBILITY: Record<number, string> = {
  1: 'confirmed by other sources',
  2: 'probably true',
  3: 'possibly true',
  4: 'doubtful',
  5: 'improbable',
  6: 'truth cannot be judged',
};

/** An Admiralty grading as `B2 (usually reliable, probably true)`. */
export function admiralty(reliability: string, credibility?: number): string {
  const words = [RELIABILITY[reliability], credibility === undefined ? undefined : CREDIBILITY[credibility]].filter(Boolean).join(', ');
  return `${reliability}${credibility ?? ''}${words ? ` (${words})` : ''}`;
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region' });

/** `CN` → `China`; the code itself when the runtime does not know it. */
export function countryName(code: string): string {
  try {
    return regionNames.of(code) ?? code;
  } catch {
    return code;
  }
}

/** A reported date: the analyst's phrase, else its EDTF, else its bounds. */
export function reportedDate(date: { edtf?: string; phrase?: string; earliest?: string; latest?: string } | undefined): string {
  if (!date) return '';
  return date.phrase ?? date.edtf ?? [date.earliest, date.latest].filter(Boolean).join('..');
}

/** The open bounds of a ledger row's dates: `2023-01-01..2023-04-30`, `..2023-02-28`. */
export function dateRange(earliest?: string, latest?: string): string {
  const open = (d?: string) => (!d || /infinity/.test(d) ? '' : d);
  const from = open(earliest);
  const to = open(latest);
  return from === to ? from : `${from}..${to}`;
}

/**
 * A search hit's headline (`GET /v1/search`: HTML-escaped text, matches in `<b>…</b>`) as text parts, every odd one a
 * match: the page renders them as text, never as HTML.
 */
export function headlineParts(headline: string): string[] {
  const unescape = (text: string) => text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return headline.split(/<\/?b>/).map(unescape);
}

/**
 * A reported date as the timeline shows it: its bounds as the CLI prints them (`2023-02-22`, `2023-02-01..2023-02-28`,
 * `..2023-02-28`), its EDTF when it says more than them (`2023-02`, `[..2023-02]`), and the analyst's phrase
 * ("Last week") to show beside them.
 */
export function datedParts(date: { edtf?: string; phrase?: string; earliest?: string; latest?: string } | undefined): {
  bounds: string;
  edtf?: string;
  phrase?: string;
} {
  if (!date) return { bounds: '' };
  const bounds = dateRange(date.earliest, date.latest);
  const edtf = date.edtf && date.edtf !== bounds ? date.edtf : undefined;
  return { bounds: bounds || (date.edtf ?? ''), ...(bounds && edtf ? { edtf } : {}), ...(date.phrase ? { phrase: date.phrase } : {}) };
}
