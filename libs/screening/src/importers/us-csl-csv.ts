import { ListFormatError } from '../errors';
import type { EntryIdentifier, ListSnapshot } from '../model';
import { schemaFromTypeWord } from '../model';
import { addCountry } from './countries';
import { parseCsvRows } from './csv';
import { EntryBuilder } from './entry-builder';
import { decodeInput, sha256, type ParseLimits, type RawInput } from './raw-input';

const FORMAT = 'US CSL CSV';

/** Boilerplate the State Department's ISN list appends to names ("…; and any successor, sub-unit, or subsidiary thereof"). */
const SUCCESSOR_CLAUSE = /[;,]?\s*and any successors?,? sub-units?,? or subsidiar(?:y|ies) thereof\.?$/i;

/**
 * Parses the US Consolidated Screening List CSV (trade.gov `consolidated.csv`: the export screening lists of
 * Commerce, State and Treasury in one file). Header `_id, source, entity_number, type, programs, name, title,
 * addresses, …, start_date, …, call_sign, vessel_type, …, vessel_flag, …, remarks, source_list_url, alt_names,
 * citizenships, dates_of_birth, nationalities, places_of_birth, source_information_url, ids`; one row per entry,
 * multi-valued fields separated by `; `.
 * - entryId = `_id` (Treasury's entity number, else the CSL's own hash);
 * - schema from `type` (Individual / Entity / Vessel / Aircraft; Commerce and State rows give none: `Unknown`);
 * - `name` is the primary name, the ISN successor clause removed; a trailing `(ACRONYM)` is also given as an a.k.a.
 *   without it and the acronym as a weak a.k.a.; `alt_names` → aka;
 * - `programs`, else the source list's abbreviation (`EL`, `DPL`, `UVL`, `MEU`, `DTC`…) → programs;
 * - nationalities, citizenships, the country code ending each address, and `vessel_flag` → countries;
 * - `ids` (`type, value[, country]`) and `call_sign` → identifiers; `start_date` → listedOn; `remarks` → remarks.
 * The file carries no date: the import's version is the one requested, else the file's date.
 * @throws ListFormatError when the header lacks a needed column or a row has no `_id` or `name`.
 */
export function parseUsCslCsv(input: RawInput, limits?: ParseLimits): ListSnapshot {
  const rows = parseCsvRows(FORMAT, decodeInput(FORMAT, input, limits));
  const header = (rows[0] ?? []).map((h) => h.trim());
  const col = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new ListFormatError(FORMAT, `column "${name}" missing`, 'line 1');
    return i;
  };
  const c = {
    id: col('_id'),
    source: col('source'),
    type: col('type'),
    programs: col('programs'),
    name: col('name'),
    addresses: col('addresses'),
    start: col('start_date'),
    callSign: col('call_sign'),
    flag: col('vessel_flag'),
    remarks: col('remarks'),
    alt: col('alt_names'),
    citizenships: col('citizenships'),
    nationalities: col('nationalities'),
    ids: col('ids'),
  };
  const builders = new Map<string, EntryBuilder>();
  for (let i = 1; i < rows.length; i++) {
    const r = rows[i]!;
    const get = (k: number) => (r[k] ?? '').trim();
    const id = get(c.id);
    if (!id) throw new ListFormatError(FORMAT, '_id is empty', `line ${i + 1}`);
    const name = get(c.name).replace(SUCCESSOR_CLAUSE, '').trim();
    if (!name) throw new ListFormatError(FORMAT, 'name is empty', `line ${i + 1}`);
    if (builders.has(id)) continue; // a repeated id: the first row counts, as in the import's delta
    const b = new EntryBuilder('us-csl', id, schemaFromTypeWord(get(c.type)), name);
    const acronym = /^(.+?)\s*\(([^()]+)\)$/.exec(name);
    if (acronym) {
      b.addName(acronym[1], 'aka');
      b.addName(acronym[2], 'weak-aka');
    }
    for (const alt of split(get(c.alt))) b.addName(alt.replace(/^and\s+/i, '').replace(SUCCESSOR_CLAUSE, ''), 'aka');
    const programs = split(get(c.programs));
    for (const p of programs.length ? programs : [sourceCode(get(c.source))]) b.addProgram(p);
    for (const code of [...split(get(c.nationalities)), ...split(get(c.citizenships))]) addCountry(b.entry.countries, code);
    for (const address of split(get(c.addresses))) addCountry(b.entry.countries, address.split(',').pop());
    addCountry(b.entry.countries, get(c.flag));
    b.entry.identifiers.push(...split(get(c.ids)).map(identifierOf));
    if (get(c.callSign)) b.entry.identifiers.push({ type: 'Call Sign', value: get(c.callSign) });
    if (/^\d{4}-\d{2}-\d{2}$/.test(get(c.start))) b.entry.listedOn = get(c.start);
    if (get(c.remarks)) b.entry.remarks = get(c.remarks);
    builders.set(id, b);
  }
  return { listId: 'us-csl', version: 'unknown', contentHash: sha256(input), entries: [...builders.values()].map((b) => b.entry) };
}

function split(field: string): string[] {
  return field
    .split(';')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** `Entity List (EL) - Bureau of Industry and Security` → `EL`; the whole source when it has no abbreviation. */
function sourceCode(source: string): string {
  return /\(([A-Z0-9-]+)\)/.exec(source)?.[1] ?? source;
}

/** `Passport, 836238033, KP` → type, value, country (the last part when it is a two-letter code). */
function identifierOf(id: string): EntryIdentifier {
  const parts = id.split(',').map((p) => p.trim());
  const type = parts.shift()!.replace(/\s*[:-]$/, '');
  const country = parts.length > 1 && /^[A-Z]{2}$/.test(parts[parts.length - 1]!) ? parts.pop() : undefined;
  return { type, value: parts.join(', '), ...(country ? { country } : {}) };
}
