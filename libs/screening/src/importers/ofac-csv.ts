import { ListFormatError } from '../errors';
import type { EntrySchema, ListId, ListSnapshot, SanctionsEntry } from '../model';
import { addAddress } from './addresses';
import { addCountry } from './countries';
import { ofacValue, parseCsvRows } from './csv';
import { EntryBuilder } from './entry-builder';
import { imoNumbersFromRemarks, linkedToFromRemarks, linkKey, weakAliasesFromRemarks } from './ofac-remarks';
import { decodeInput, sha256, type ParseLimits, type RawInput } from './raw-input';

/**
 * The files of one OFAC CSV publication (SDN: `sdn.csv`, `alt.csv`, `add.csv`, `sdn_comments.csv`;
 * non-SDN consolidated: `cons_prim.csv`, `cons_alt.csv`, `cons_add.csv`, `cons_comments.csv`).
 * Only the primary file is required.
 */
export interface OfacCsvFiles {
  primary: RawInput;
  alt?: RawInput;
  add?: RawInput;
  comments?: RawInput;
}

export interface OfacParseOptions extends ParseLimits {
  /** Publication date of the file set (ISO date); OFAC CSV files carry none. */
  version: string;
  /** `ofac-sdn` (default) or `ofac-non-sdn`. */
  listId?: Extract<ListId, 'ofac-sdn' | 'ofac-non-sdn'>;
}

const FORMAT = 'OFAC CSV';

/**
 * Parses an OFAC SDN or consolidated non-SDN CSV publication into a snapshot.
 *
 * Layout (OFAC "SDN CSV" spec, no header row): `ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign,
 * Vess_type, Tonnage, GRT, Vess_flag, Vess_owner, Remarks`; null marker `-0-`; several programs joined
 * by `] [`; SDN_Type `individual` / `vessel` / `aircraft`, null for entities. alt.csv rows
 * `ent_num, alt_num, alt_type (aka|fka|nka), alt_name, alt_remarks` become names; add.csv country
 * (5th column) becomes `countries`, and address, city and country one of `addresses`; weak a.k.a.s in Remarks (plus overflow comments) become `weak-aka`
 * names. Alias/address rows for ent_nums absent from the primary file are ignored (the alias file may be
 * newer than the primary file). A `Linked To: NAME.` in an entry's remarks becomes a `linked` relation on the entry
 * whose primary name is NAME (the same publication), holding the remarking entry as its party; a name no entry
 * bears is left in the remarks only.
 * @throws ListFormatError on a primary row without a numeric ent_num or a name.
 */
export function parseOfacCsv(files: OfacCsvFiles, options: OfacParseOptions): ListSnapshot {
  const listId = options.listId ?? 'ofac-sdn';
  const builders = new Map<string, EntryBuilder>();
  const remarksById = new Map<string, string>();

  const rows = parseCsvRows(FORMAT, decodeInput(FORMAT, files.primary, options));
  rows.forEach((row, i) => {
    const id = ofacValue(row[0]);
    const name = ofacValue(row[1]);
    if (!id || !/^\d+$/.test(id)) throw new ListFormatError(FORMAT, `ent_num "${row[0] ?? ''}" is not a number`, `line ${i + 1}`);
    if (!name) throw new ListFormatError(FORMAT, 'SDN_Name is empty', `line ${i + 1}`);
    if (row.length < 4) throw new ListFormatError(FORMAT, `expected 12 columns, got ${row.length}`, `line ${i + 1}`);
    const b = new EntryBuilder(listId, id, ofacSchema(ofacValue(row[2])), name);
    for (const p of (ofacValue(row[3]) ?? '').split('] [')) b.addProgram(p.replace(/^\[|\]$/g, ''));
    const callSign = ofacValue(row[5]);
    if (callSign) b.entry.identifiers.push({ type: 'call-sign', value: callSign });
    addCountry(b.entry.countries, ofacValue(row[9]));
    const remarks = ofacValue(row[11]);
    if (remarks) remarksById.set(id, remarks);
    builders.set(id, b);
  });

  if (files.comments) {
    // Overflow of remarks longer than the Remarks column (OFAC `sdn_comments.csv`).
    for (const row of parseCsvRows(FORMAT, decodeInput(FORMAT, files.comments, options))) {
      const id = ofacValue(row[0]);
      const more = ofacValue(row[1]);
      if (id && more && builders.has(id)) remarksById.set(id, (remarksById.get(id) ?? '') + more);
    }
  }

  if (files.alt) {
    for (const row of parseCsvRows(FORMAT, decodeInput(FORMAT, files.alt, options))) {
      const b = builders.get(ofacValue(row[0]) ?? '');
      const type = (ofacValue(row[2]) ?? 'aka').toLowerCase().replace(/\./g, '');
      const kind = type === 'fka' ? 'fka' : type === 'nka' ? 'nka' : 'aka';
      b?.addName(ofacValue(row[3]), kind);
    }
  }

  if (files.add) {
    for (const row of parseCsvRows(FORMAT, decodeInput(FORMAT, files.add, options))) {
      const b = builders.get(ofacValue(row[0]) ?? '');
      if (!b) continue;
      addCountry(b.entry.countries, ofacValue(row[4]));
      addAddress(b.entry, [row[2], row[3], row[4]].map(ofacValue));
    }
  }

  const entries: SanctionsEntry[] = [];
  for (const [id, b] of builders) {
    const remarks = remarksById.get(id);
    if (remarks) {
      b.entry.remarks = remarks;
      for (const weak of weakAliasesFromRemarks(remarks)) b.addName(weak, 'weak-aka');
      for (const imo of imoNumbersFromRemarks(remarks)) b.entry.identifiers.push({ type: 'imo', value: imo });
    }
    entries.push(b.entry);
  }
  attachLinkedTo(entries);
  return { listId, version: options.version, contentHash: sha256(files.primary, files.alt, files.add, files.comments), entries };
}

/** Adds each `Linked To:` of the entries' remarks as a `linked` relation on the entry it names (see `parseOfacCsv`). */
function attachLinkedTo(entries: SanctionsEntry[]): void {
  const byName = new Map<string, SanctionsEntry>();
  for (const e of entries) if (!byName.has(linkKey(e.primaryName))) byName.set(linkKey(e.primaryName), e);
  for (const e of entries)
    for (const name of linkedToFromRemarks(e.remarks)) {
      const target = byName.get(linkKey(name));
      if (!target || target === e) continue;
      (target.relations ??= []).push({
        kind: 'linked',
        party: {
          id: e.entryId,
          name: e.primaryName,
          names: [...new Set(e.names.filter((n) => n.kind !== 'weak-aka').map((n) => n.value))],
          countries: [...e.countries],
          schema: e.schema,
        },
      });
    }
}

function ofacSchema(type: string | undefined): EntrySchema {
  switch ((type ?? '').toLowerCase()) {
    case 'individual':
      return 'Person';
    case 'vessel':
      return 'Vessel';
    case 'aircraft':
      return 'Aircraft';
    default:
      return 'Organization';
  }
}
