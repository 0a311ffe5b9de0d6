/**
 * Weak a.k.a.s that OFAC publishes only inside the Remarks field, e.g.
 * `…; a.k.a. 'ABU-'UMAR'.` or `a.k.a. "SBERBANK INDIA"` (OFAC SDN CSV documentation: weak aliases are
 * not in alt.csv). A closing quote must be followed by `.`, `;`, `,`, `)` or the end, so apostrophes
 * inside the name (ABU-'UMAR) are kept.
 * @returns the alias strings in order of appearance, deduplicated.
 */
export function weakAliasesFromRemarks(remarks: string | undefined): string[] {
  if (!remarks) return [];
  const out: string[] = [];
  const re = /a\.k\.a\.?,?\s+(?:'(.+?)'|"(.+?)"|\u2018(.+?)\u2019|\u201c(.+?)\u201d)(?=\s*(?:[.;,)]|$))/g;
  for (const m of remarks.matchAll(re)) {
    const v = (m[1] ?? m[2] ?? m[3] ?? m[4] ?? '').trim();
    if (v && !out.includes(v)) out.push(v);
  }
  return out;
}

/** IMO numbers mentioned in remarks (`IMO 1011551`), as 7-digit strings. */
export function imoNumbersFromRemarks(remarks: string | undefined): string[] {
  if (!remarks) return [];
  return [...new Set([...remarks.matchAll(/\bIMO\s+(\d{7})\b/g)].map((m) => m[1]!))];
}
