import type { TransferClaim } from '../report/model';
import type { MisdeclaredGoodsBasisV1 } from './events';

/** Declarations (`Item.declaredAs`) that say the item is civilian. */
export const CIVILIAN_DECLARATIONS: ReadonlySet<string> = new Set(['civilian', 'civil-aviation']);

/**
 * HS headings that are military by their own wording (WCO Harmonized System 2022): chapter 93 "Arms and ammunition;
 * parts and accessories thereof", heading 87.10 "Tanks and other armoured fighting vehicles, motorised, whether or not
 * fitted with weapons, and parts of such vehicles", subheading 8906.10 "Warships". Matched as HS-6 prefixes.
 */
export const MILITARY_HS_PREFIXES: readonly { prefix: string; words: string }[] = [
  { prefix: '93', words: 'HS chapter 93, arms and ammunition' },
  { prefix: '8710', words: 'HS heading 87.10, tanks and armoured fighting vehicles' },
  { prefix: '890610', words: 'HS subheading 8906.10, warships' },
];

export type MisdeclaredDecision =
  { action: 'alert'; basis: MisdeclaredGoodsBasisV1 } | { action: 'none'; why: 'not-declared-civilian' | 'nothing-military' };

/**
 * The misdeclared-goods rule (pure) for one transfer claim: its item is declared civilian (`declaredAs` `civilian` or
 * `civil-aviation`) while something the report gives says military:
 * - the item's EU Common Military List category (`eu-military-list:ML10`);
 * - its SIPRI armament category (SIPRI counts major conventional weapons only: `sipri:Aircraft`);
 * - its HS-6 code under a military heading (`MILITARY_HS_PREFIXES`: `hs6:930190`);
 * - the claim's assistance type `military` (`assistance-type:military`).
 * A dual-use category or a CHPL tier alone is not military (they are civilian goods of concern); both are named in
 * the notes when given. The article's case: Su-27 parts (SIPRI Aircraft, ML10) shipped under civil-aviation papers.
 */
export function decideMisdeclaredGoods(claim: Pick<TransferClaim, 'item' | 'assistanceType'>): MisdeclaredDecision {
  const { item } = claim;
  if (!item.declaredAs || !CIVILIAN_DECLARATIONS.has(item.declaredAs)) return { action: 'none', why: 'not-declared-civilian' };
  const signals: string[] = [];
  const notes: string[] = [];
  if (item.euMilitaryListCategory) {
    signals.push(`eu-military-list:${item.euMilitaryListCategory}`);
    notes.push(`EU Common Military List category ${item.euMilitaryListCategory}`);
  }
  if (item.sipriCategory) {
    signals.push(`sipri:${item.sipriCategory}`);
    notes.push(`SIPRI armament category ${item.sipriCategory} (major conventional weapons)`);
  }
  const hs = item.hs6 && MILITARY_HS_PREFIXES.find((m) => item.hs6!.startsWith(m.prefix));
  if (hs) {
    signals.push(`hs6:${item.hs6}`);
    notes.push(`HS-6 ${item.hs6} (${hs.words})`);
  }
  if (claim.assistanceType === 'military') {
    signals.push('assistance-type:military');
    notes.push('the claim gives the assistance as military');
  }
  if (signals.length === 0) return { action: 'none', why: 'nothing-military' };
  const what = [item.description, item.designation].filter(Boolean).join(', ');
  notes.unshift(`${what}: declared ${item.declaredAs}, while ${signals.length === 1 ? 'this says' : 'these say'} military:`);
  if (item.dualUseCategory) notes.push(`also dual-use category ${item.dualUseCategory} (not counted: civilian goods of concern)`);
  if (item.chplTier) notes.push(`also Common High Priority List tier ${item.chplTier} (not counted: civilian goods of concern)`);
  return {
    action: 'alert',
    basis: {
      item: {
        description: item.description,
        ...(item.designation ? { designation: item.designation } : {}),
        ...(item.hs6 ? { hs6: item.hs6 } : {}),
        ...(item.sipriCategory ? { sipriCategory: item.sipriCategory } : {}),
        ...(item.euMilitaryListCategory ? { euMilitaryListCategory: item.euMilitaryListCategory } : {}),
      },
      declaredAs: item.declaredAs,
      signals,
      notes,
    },
  };
}
