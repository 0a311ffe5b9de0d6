import { ListFormatError } from '../errors';
import { schemaFromTypeWord, type ListSnapshot } from '../model';
import { addCountry } from './countries';
import { parseCsvRows } from './csv';
import { EntryBuilder } from './entry-builder';
import { decodeInput, sha256, type ParseLimits, type RawInput } from './raw-input';

const FORMAT = 'OpenSanctions targets.simple.csv';
const REQUIRED = ['id', 'schema', 'name', 'aliases', 'countries', 'identifiers', 'sanctions', 'dataset', 'first_seen', 'last_change'];

/**
 * Parses OpenSanctions' `targets.simple.csv` export (header `id, schema, name, aliases, birth_date,
 * countries, addresses, identifiers, sanctions, phones, emails, dataset, first_seen, last_seen,
 * last_change`; multi-values joined with `;`). `sanctions` values become programs, `aliases` aka names,
 * `countries` ISO codes; version = latest `last_change` date.
 * @throws ListFormatError when a required column is missing or a row has no id / name.
 */
export function parseOpenSanctionsTargetsCsv(input: RawInput, limits?: ParseLimits): ListSnapshot {
  const rows = parseCsvRows(FORMAT, decodeInput(FORMAT, input, limits));
  const header = (rows[0] ?? []).map((h) => h.trim());
  for (const r of REQUIRED) if (!header.includes(r)) throw new ListFormatError(FORMAT, `column "${r}" missing`, 'line 1');
  const at = (r: string[], name: string) => (r[header.indexOf(name)] ?? '').trim();
  const split = (v: string) =>
    v
      .split(';')
      .map((x) => x.trim())
      .filter(Boolean);
  let latest = '';
  const entries = rows.slice(1).map((r, i) => {
    const id = at(r, 'id');
    const name = at(r, 'name');
    if (!id || !name) throw new ListFormatError(FORMAT, 'row without id or name', `line ${i + 2}`);
    const schema = at(r, 'schema');
    const b = new EntryBuilder('opensanctions', id, schema === 'Company' ? 'Organization' : schemaFromTypeWord(schema), name);
    for (const a of split(at(r, 'aliases'))) b.addName(a, 'aka');
    for (const c of split(at(r, 'countries'))) addCountry(b.entry.countries, c);
    for (const s of split(at(r, 'sanctions'))) b.addProgram(s);
    for (const idv of split(at(r, 'identifiers'))) b.entry.identifiers.push({ type: 'id', value: idv });
    const first = at(r, 'first_seen');
    if (first) b.entry.listedOn = first.slice(0, 10);
    const change = at(r, 'last_change');
    if (change > latest) latest = change;
    return b.entry;
  });
  return { listId: 'opensanctions', version: latest.slice(0, 10) || 'unknown', contentHash: sha256(input), entries };
}
