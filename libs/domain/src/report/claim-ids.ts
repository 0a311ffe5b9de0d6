/**
 * A claim id's identity within a report: its Unicode NFC form. Ids that differ only in normalisation (`café` with
 * U+00E9, or with `e` + U+0301) look alike and name one claim: a report may not hold both (422 `uniqueClaimIds`), and
 * an amendment or evidence may address the claim in either form (its events record the id as the report stored it).
 */
export function claimIdKey(claimId: string): string {
  return claimId.normalize('NFC');
}

/** Whether two claim ids name the same claim ({@link claimIdKey}). */
export function sameClaimId(a: string, b: string): boolean {
  return a === b || claimIdKey(a) === claimIdKey(b);
}
