import { ListFormatError } from '../errors';
import type { EntrySchema, ListSnapshot, NameKind } from '../model';
import { addCountry } from './countries';
import { parseCsvRows } from './csv';
import { EntryBuilder } from './entry-builder';
import { decodeInput, sha256, type ParseLimits, type RawInput } from './raw-input';

const FORMAT = 'UK HMT ConList CSV';

/**
 * Parses the UK HM Treasury (OFSI) Consolidated List CSV ("ConList.csv"): a `Last Updated,dd/mm/yyyy`
 * line, a header row (`Name 6, Name 1 … Name 5, Title, Name Non-Latin Script, …, Group Type,
 * Alias Type, Alias Quality, Regime, Listed On, …, Group ID`), then one row per name of a designation
 * (rows share `Group ID`).
 * - entryId = Group ID; schema from Group Type (Individual / Entity / Ship);
 * - individuals are written `NAME6, Name1 … Name5` (surname first, as OFAC does), others Name 6 … ;
 * - Alias Type `Prime Alias` → primary, `AKA`/`FKA` → aka/fka, Alias Quality `Low` → weak-aka;
 *   Name Non-Latin Script → original-script; Regime → program; Country/Nationality → countries.
 * @throws ListFormatError when the header is missing or a row has no Group ID.
 */
export function parseUkHmtCsv(input: RawInput, limits?: ParseLimits): ListSnapshot {
  const rows = parseCsvRows(FORMAT, decodeInput(FORMAT, input, limits));
  const headerAt = rows.findIndex((r) => r[0]?.trim() === 'Name 6');
  if (headerAt < 0) throw new ListFormatError(FORMAT, 'header row starting with "Name 6" not found');
  const header = rows[headerAt]!.map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new ListFormatError(FORMAT, `column "${name}" missing`, `line ${headerAt + 1}`);
    return i;
  };
  const c = {
    names: ['Name 6', 'Name 1', 'Name 2', 'Name 3', 'Name 4', 'Name 5'].map(col),
    nonLatin: col('Name Non-Latin Script'),
    country: col('Country'),
    nationality: col('Nationality'),
    group: col('Group Type'),
    aliasType: col('Alias Type'),
    quality: col('Alias Quality'),
    regime: col('Regime'),
    listed: col('Listed On'),
    id: col('Group ID'),
  };
  const lastUpdated = rows.slice(0, headerAt).find((r) => /last updated/i.test(r[0] ?? ''))?.[1];
  // Rows of one designation share a Group ID; the `Prime Alias` row gives the primary name.
  const groups = new Map<string, Array<{ line: number; get: (k: number) => string }>>();
  for (let i = headerAt + 1; i < rows.length; i++) {
    const r = rows[i]!;
    const get = (k: number) => (r[k] ?? '').trim();
    const id = get(c.id);
    if (!id) throw new ListFormatError(FORMAT, 'Group ID is empty', `line ${i + 1}`);
    const list = groups.get(id) ?? [];
    list.push({ line: i + 1, get });
    groups.set(id, list);
  }
  const builders: EntryBuilder[] = [];
  for (const [id, group] of groups) {
    const nameOf = (get: (k: number) => string, schema: EntrySchema) => {
      const [surname, ...given] = c.names.map(get);
      const givenText = given.filter(Boolean).join(' ');
      return schema === 'Person' && surname && givenText ? `${surname}, ${givenText}` : [surname, givenText].filter(Boolean).join(' ');
    };
    const prime = group.find((g) => g.get(c.aliasType).toLowerCase() === 'prime alias') ?? group[0]!;
    const schema = ukSchema(prime.get(c.group));
    const b = new EntryBuilder('uk-hmt', id, schema, nameOf(prime.get, schema));
    const listed = ukDate(prime.get(c.listed));
    if (listed) b.entry.listedOn = listed;
    for (const { get } of group) {
      const aliasType = get(c.aliasType).toLowerCase();
      const low = get(c.quality).toLowerCase() === 'low';
      const kind: NameKind = low ? 'weak-aka' : aliasType.startsWith('f') ? 'fka' : 'aka';
      b.addName(nameOf(get, schema), kind, low ? 'low' : undefined);
      b.addName(get(c.nonLatin), 'original-script');
      b.addProgram(get(c.regime));
      addCountry(b.entry.countries, get(c.country));
      addCountry(b.entry.countries, get(c.nationality));
    }
    builders.push(b);
  }
  return {
    listId: 'uk-hmt',
    version: ukDate(lastUpdated ?? '') ?? 'unknown',
    contentHash: sha256(input),
    entries: builders.map((b) => b.entry),
  };
}

function ukSchema(group: string): EntrySchema {
  const g = group.toLowerCase();
  if (g === 'individual') return 'Person';
  if (g === 'entity') return 'Organization';
  if (g === 'ship') return 'Vessel';
  return 'Unknown';
}

/** `dd/mm/yyyy` → `yyyy-mm-dd` (a `00` day or month is kept as `01`-less partial: `yyyy-mm` / `yyyy`). */
function ukDate(s: string): string | undefined {
  const m = /^(\d{2})\/(\d{2})\/(\d{4})$/.exec(s.trim());
  if (!m) return undefined;
  const [, d, mo, y] = m;
  if (mo === '00') return y;
  if (d === '00') return `${y}-${mo}`;
  return `${y}-${mo}-${d}`;
}
