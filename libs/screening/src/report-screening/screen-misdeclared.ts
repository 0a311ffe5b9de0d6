import { decideMisdeclaredGoods } from '@tm/domain';
import type { ScreenableReport } from './report-targets';
import type { AlertCandidate } from './screen-report';

/** `listId` of a misdeclared-goods alert: the rule reads the report and the bundled reference codes, no sanctions list. */
export const MISDECLARED_LIST_ID = 'reference';

/**
 * The misdeclared-goods alerts of a report (`decideMisdeclaredGoods`): one per transfer claim whose item is declared
 * civilian while its EU Military List or SIPRI category, its HS-6 or the claim's assistance type says military.
 * Location `claims[<claimId>].item`, entry `misdeclared:<claimId>`, score 1, the signals as the matched "name".
 */
export function screenMisdeclaredGoods(report: ScreenableReport): AlertCandidate[] {
  const out: AlertCandidate[] = [];
  for (const claim of report.claims) {
    if (claim.kind !== 'transfer' || !claim.item.declaredAs) continue;
    const decision = decideMisdeclaredGoods(claim);
    if (decision.action !== 'alert') continue;
    const { basis } = decision;
    out.push({
      reportId: report.reportId,
      claimId: claim.claimId,
      kind: 'misdeclared-goods',
      misdeclared: basis,
      location: `claims[${claim.claimId}].item`,
      queryName: claim.item.description,
      listId: MISDECLARED_LIST_ID,
      entryId: `misdeclared:${claim.claimId}`,
      listVersion: '',
      entryName: `declared ${basis.declaredAs}`,
      matchedName: basis.signals.join(', '),
      matchedNameKind: 'declaration',
      programs: [],
      countries: [...new Set([claim.supplier.country, claim.recipient.country, ...(claim.endUser ? [claim.endUser.country] : [])])].sort(),
      score: 1,
      explanation: { tokens: [], penalties: [], notes: basis.notes },
    });
  }
  return out;
}
