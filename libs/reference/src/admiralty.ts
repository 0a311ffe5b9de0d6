import { referenceRows } from './data-files';

/** Source reliability A–F of the Admiralty (NATO) code; MISP's extension `G` (deliberately deceptive) is not used. */
export const SOURCE_RELIABILITY_CODES = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
/** Information credibility 1–6 of the Admiralty (NATO) code. */
export const INFORMATION_CREDIBILITY_CODES = [1, 2, 3, 4, 5, 6] as const;

export function isSourceReliability(value: unknown): value is (typeof SOURCE_RELIABILITY_CODES)[number] {
  return typeof value === 'string' && (SOURCE_RELIABILITY_CODES as readonly string[]).includes(value);
}

export function isInformationCredibility(value: unknown): value is (typeof INFORMATION_CREDIBILITY_CODES)[number] {
  return typeof value === 'number' && (INFORMATION_CREDIBILITY_CODES as readonly number[]).includes(value);
}

/** True for a combined grade such as `B2` (reliability A–F, then credibility 1–6). */
export function isAdmiraltyGrade(value: unknown): value is string {
  return typeof value === 'string' && /^[A-F][1-6]$/.test(value);
}

/**
 * The label of an Admiralty code (`B` → "Usually reliable", `2` → "Probably true"), from
 * `data/reference/admiralty-code.csv` (MISP taxonomy `admiralty-scale`).
 */
export function admiraltyLabel(code: string | number): string | undefined {
  const axis = typeof code === 'number' ? 'information_credibility' : 'source_reliability';
  return referenceRows('admiralty-code.csv').find((r) => r.axis === axis && r.code === String(code))?.label;
}
