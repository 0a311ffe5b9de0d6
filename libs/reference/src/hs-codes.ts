import { referenceRows } from './data-files';

/**
 * The HS-6 subheading of a customs code as written: 6 to 10 digits, dots and spaces allowed (`8526.91`,
 * `8807 30 00 00`); national extensions (digits 7–10) are dropped. Undefined when it is not such a code.
 */
export function normaliseHsCode(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const digits = value.replace(/[.\s]/g, '');
  if (!/^\d{6,10}$/.test(digits) || digits.length === 7 || digits.length === 9) return undefined;
  if (digits.startsWith('00')) return undefined; // HS chapters run 01–97
  return digits.slice(0, 6);
}

/**
 * True for a customs code of the Harmonized System as written (see {@link normaliseHsCode}) whose chapter the HS
 * uses: 01–97, not 77 (reserved by the WCO for future use); 98 and 99 are left to national use (US HTS special
 * provisions, EU CN chapter 99), so `999999` names no HS subheading.
 */
export function isHsCode(value: unknown): value is string {
  const hs6 = normaliseHsCode(value);
  if (hs6 === undefined) return false;
  const chapter = Number(hs6.slice(0, 2));
  return chapter <= 97 && chapter !== 77;
}

export interface ChplEntry {
  hs6: string;
  /** `1`, `2`, `3.A`, `3.B`, `4.A` or `4.B`. */
  tier: string;
  tierDescription: string;
  description: string;
}

let chpl: Map<string, ChplEntry> | undefined;

/**
 * The Common High Priority List entry (US BIS / EU / UK / Japan, list of 2024-02-23, `data/reference/chpl-hs6.csv`)
 * of a customs code, looked up by its HS-6 subheading; undefined when the code is not on the list. A hit is a red
 * flag worth surfacing, not a legal classification.
 */
export function chplEntryOf(hsCode: string): ChplEntry | undefined {
  chpl ??= new Map(
    referenceRows('chpl-hs6.csv').map((r) => [
      r.hs6,
      { hs6: r.hs6, tier: r.chpl_tier, tierDescription: r.tier_description, description: r.hs_subheading_description },
    ]),
  );
  const hs6 = normaliseHsCode(hsCode);
  return hs6 ? chpl.get(hs6) : undefined;
}

/** The CHPL tier of a customs code (`1` … `4.B`), or undefined when it is not on the list. */
export function chplTierOf(hsCode: string): string | undefined {
  return chplEntryOf(hsCode)?.tier;
}
