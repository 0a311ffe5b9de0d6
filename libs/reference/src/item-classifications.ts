import { referenceRows } from './data-files';

/** SIPRI Arms Transfers Database armament categories (`data/reference/sipri-armament-categories.csv`), e.g. `Aircraft`. */
export function sipriCategories(): string[] {
  return referenceRows('sipri-armament-categories.csv').map((r) => r.armament_category);
}

export function isSipriCategory(value: unknown): value is string {
  return typeof value === 'string' && sipriCategories().includes(value);
}

/** True for an EU Common Military List category, `ML1` … `ML22` (`data/reference/eu-common-military-list.csv`). */
export function isEuMilitaryListCategory(value: unknown): value is string {
  return typeof value === 'string' && referenceRows('eu-common-military-list.csv').some((r) => r.code === value);
}

/**
 * True for a dual-use category of EU Regulation 2021/821 Annex I / Wassenaar: `0` … `9`, with category 5 also
 * written by part (`5P1` telecommunications, `5P2` information security).
 */
export function isDualUseCategory(value: unknown): value is string {
  if (value === '5') return true;
  return typeof value === 'string' && referenceRows('dual-use-categories.csv').some((r) => r.kind === 'category' && r.code === value);
}

/** ICD-203 estimative words (`likely`, `very-likely`…) with their probability ranges in percent. */
export function estimativeLanguage(): { value: string; label: string; minPercent: number; maxPercent: number }[] {
  return referenceRows('icd203-estimative-language.csv').map((r) => ({
    value: r.value,
    label: r.label,
    minPercent: Number(r.min_pct),
    maxPercent: Number(r.max_pct),
  }));
}
