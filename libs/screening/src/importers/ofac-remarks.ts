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

/**
 * The designated parties an entry's remarks say it is linked to (`Linked To: BANK ROSSIYA.`; OFAC writes one
 * `Linked To:` per related SDN, by the SDN's primary name, separated by `;`).
 * @returns the names in order of appearance, deduplicated, without the closing full stop.
 */
export function linkedToFromRemarks(remarks: string | undefined): string[] {
  if (!remarks) return [];
  const out: string[] = [];
  for (const m of remarks.matchAll(/Linked To:\s*([^;]+)/g)) {
    const name = m[1]!.trim().replace(/\.$/, '').trim();
    if (name && !out.includes(name)) out.push(name);
  }
  return out;
}

/** How `Linked To:` names are compared with primary names: upper case, spaces collapsed, no closing full stop. */
export const linkKey = (name: string) => name.replace(/\s+/g, ' ').trim().replace(/\.$/, '').toUpperCase();

/** The identifier types OFAC writes in remarks for organisations and vessels (`Tax ID No. 7701…`, `Registration Number …`). */
const REMARK_IDENTIFIER_TYPES = [
  'Tax ID No.',
  'Registration Number',
  'Registration ID',
  'Business Registration Number',
  'Company Number',
  'Government Gazette Number',
  'Legal Entity Number',
  'Unified Social Credit Code (USCC)',
  'Identification Number',
  'Business Number',
  'Enterprise Number',
  'Chamber of Commerce Number',
  'Trade License No.',
  'Commercial Registry Number',
  'Public Registration Number',
];
const REMARK_IDENTIFIER = new RegExp(
  `(?:^|[;.]\\s*)(${REMARK_IDENTIFIER_TYPES.map((t) => t.replace(/[.()]/g, '\\$&')).join('|')})\\s+([A-Z0-9][A-Z0-9 /-]*?[0-9A-Z])\\s*(?:\\(([^)]{2,40})\\))?\\s*(?=[;.]|$)`,
  'g',
);

/**
 * Organisation identifiers OFAC publishes only in remarks (`Tax ID No. 7826001547 (Russia); Registration Number
 * 1027810225374 (Russia).`): type, value as written, and the country in brackets when given. Read when the
 * front-company index is built (remarks are not part of an entry's fingerprint, so reading them changes no version).
 * @returns the identifiers in order of appearance, deduplicated by type and value.
 */
export function identifiersFromRemarks(remarks: string | undefined): { type: string; value: string; country?: string }[] {
  if (!remarks) return [];
  const out: { type: string; value: string; country?: string }[] = [];
  for (const m of remarks.matchAll(REMARK_IDENTIFIER)) {
    const [, type, value, country] = m;
    if (!out.some((o) => o.type === type && o.value === value)) out.push({ type: type!, value: value!, ...(country ? { country } : {}) });
  }
  return out;
}
