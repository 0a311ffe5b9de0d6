import type { Item } from '@tm/domain';
import { chplTierOf as chplTierOfCode } from '@tm/reference';

/** HS-6 code from an HS code as given (6–10 digits, dots and spaces allowed), or undefined when it has fewer. */
export function hs6Of(hsCode: string | undefined): string | undefined {
  const digits = (hsCode ?? '').replace(/\D/g, '');
  return digits.length >= 6 ? digits.slice(0, 6) : undefined;
}

/** The item's CHPL tier: as recorded, else looked up from its HS-6 code; undefined when not on the list. */
export function chplTierOf(item: Item): string | undefined {
  if (item.chplTier) return item.chplTier;
  const hs6 = hs6Of(item.hsCode);
  return hs6 ? chplTierOfCode(hs6) : undefined;
}

/** Components and materials that SIPRI does not cover, named by HS heading (4 digits) or chapter (2 digits). */
const HS_CATEGORIES: [prefix: string, category: string][] = [
  ['8526', 'navigation-and-radar'],
  ['8542', 'integrated-circuits'],
  ['8541', 'semiconductors'],
  ['8517', 'telecommunications'],
  ['8525', 'cameras-and-transmitters'],
  ['8543', 'electronic-equipment'],
  ['8471', 'computers'],
  ['8482', 'bearings'],
  ['8807', 'aircraft-parts'],
  ['8803', 'aircraft-parts'],
  ['8806', 'unmanned-aircraft'],
  ['8411', 'engines'],
  ['9013', 'optics'],
  ['9014', 'navigation-and-radar'],
  ['93', 'arms-and-ammunition'],
  ['88', 'aircraft-parts'],
  ['85', 'electrical-equipment'],
  ['84', 'machinery'],
  ['90', 'instruments'],
  ['87', 'vehicles'],
  ['27', 'fuels'],
];

function slug(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

/**
 * The ledger's item category, from the first scheme that classifies the item:
 * 1. its SIPRI armament category, slugged (`Aircraft` → `aircraft`, `Air defence systems` → `air-defence-systems`);
 * 2. its EU Common Military List category (`ml10`);
 * 3. a derived category from its HS code (heading, then chapter: `852691` → `navigation-and-radar`);
 * 4. its dual-use category (`dual-use-7`);
 * 5. `unclassified`.
 */
export function itemCategoryOf(item: Item): string {
  if (item.sipriCategory) return slug(item.sipriCategory);
  if (item.euMilitaryListCategory) return slug(item.euMilitaryListCategory);
  const digits = (item.hsCode ?? '').replace(/\D/g, '');
  if (digits.length >= 2) {
    const hit = HS_CATEGORIES.find(([prefix]) => digits.startsWith(prefix));
    if (hit) return hit[1];
    return `hs-${digits.slice(0, 2)}`;
  }
  if (item.dualUseCategory) return `dual-use-${slug(item.dualUseCategory)}`;
  return 'unclassified';
}
