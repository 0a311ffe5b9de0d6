import type { EntryRelationV1 } from '@tm/domain';
import type { EntrySchema, SanctionsEntry } from '../model';
import { addAddress } from './addresses';
import { addCountry } from './countries';
import { EntryBuilder } from './entry-builder';

/** One FollowTheMoney entity as OpenSanctions exports it (`entities.ftm.json`, one per line). */
export interface FtmEntity {
  id: string;
  schema: string;
  caption?: string;
  properties: Record<string, string[] | undefined>;
  target?: boolean;
  datasets?: string[];
  first_seen?: string;
  last_change?: string;
}

/** FtM schemata that name a screenable party, mapped to `EntrySchema` (FtM schema hierarchy). */
const SCHEMA_MAP: Record<string, EntrySchema> = {
  Person: 'Person',
  Company: 'Organization',
  Organization: 'Organization',
  PublicBody: 'Organization',
  LegalEntity: 'Unknown',
  Vessel: 'Vessel',
  Airplane: 'Aircraft',
};

/** True for FtM schemata that can be designated (Person, Company, Organization, Vessel, …). */
export function isScreenableSchema(schema: string): boolean {
  return schema in SCHEMA_MAP;
}

/**
 * A `SanctionsEntry` from an FtM entity: `name` values (first one primary), `alias` → aka,
 * `previousName` → fka, `weakAlias` → weak-aka; `country`/`nationality`/`jurisdiction`/`flag` →
 * countries; identifiers from `imoNumber`, `innCode`, `ogrnCode`, `registrationNumber`, `leiCode`,
 * `taxNumber`, `idNumber`, `passportNumber`; `program` values → programs (more come from Sanction
 * entities, see `attachSanction`).
 */
export function entryFromFtm(e: FtmEntity): SanctionsEntry {
  const p = e.properties ?? {};
  const names = p['name'] ?? [];
  const b = new EntryBuilder('opensanctions', e.id, SCHEMA_MAP[e.schema] ?? 'Unknown', names[0] ?? e.caption ?? e.id);
  for (const n of names) b.addName(n, 'aka');
  for (const n of p['alias'] ?? []) b.addName(n, 'aka');
  for (const n of p['previousName'] ?? []) b.addName(n, 'fka');
  for (const n of p['weakAlias'] ?? []) b.addName(n, 'weak-aka');
  for (const prop of ['country', 'nationality', 'jurisdiction', 'flag', 'citizenship'])
    for (const c of p[prop] ?? []) addCountry(b.entry.countries, c);
  for (const prop of ['imoNumber', 'innCode', 'ogrnCode', 'registrationNumber', 'leiCode', 'taxNumber', 'idNumber', 'passportNumber'])
    for (const v of p[prop] ?? []) b.entry.identifiers.push({ type: prop, value: v });
  for (const prog of p['program'] ?? []) b.addProgram(prog);
  for (const a of p['address'] ?? []) addAddress(b.entry, [a]);
  const created = (p['createdAt'] ?? [])[0] ?? e.first_seen;
  if (created) b.entry.listedOn = created.slice(0, 10);
  const notes = (p['notes'] ?? []).join(' ');
  if (notes) b.entry.remarks = notes;
  return b.entry;
}

/** Adds a Sanction entity's program (`programId`, else `program`, else authority) and start date. */
export function attachSanction(entry: SanctionsEntry, sanction: FtmEntity): void {
  const p = sanction.properties ?? {};
  const program = (p['programId'] ?? [])[0] ?? (p['program'] ?? [])[0] ?? (p['authority'] ?? [])[0];
  if (program && !entry.programs.includes(program)) entry.programs.push(program);
  const start = (p['startDate'] ?? [])[0] ?? (p['listingDate'] ?? [])[0];
  if (start && (!entry.listedOn || start < entry.listedOn)) entry.listedOn = start.slice(0, 10);
}

/**
 * An FtM `Ownership` (owner → asset, `percentage`) or `Directorship` (director → organization) as a relation of the
 * owner or director, whose party is the asset or organisation (`entities` resolves it; a party not in the export is
 * named by its id). Undefined for a record missing either end.
 */
export function relationFromFtm(
  record: FtmEntity,
  entities: ReadonlyMap<string, FtmEntity>,
): { holderId: string; relation: EntryRelationV1 } | undefined {
  const p = record.properties ?? {};
  const ownership = record.schema === 'Ownership';
  const holderId = (p[ownership ? 'owner' : 'director'] ?? [])[0];
  const partyId = (p[ownership ? 'asset' : 'organization'] ?? [])[0];
  if (!holderId || !partyId) return undefined;
  const party = entities.get(partyId);
  const entry = party ? entryFromFtm(party) : undefined;
  const share = Number.parseFloat((p['percentage'] ?? [])[0] ?? '');
  const role = (p['role'] ?? [])[0];
  const start = (p['startDate'] ?? [])[0];
  const end = (p['endDate'] ?? [])[0];
  return {
    holderId,
    relation: {
      kind: ownership ? 'owns' : 'directs',
      party: {
        id: partyId,
        name: entry?.primaryName ?? party?.caption ?? partyId,
        names: entry ? [...new Set(entry.names.filter((n) => n.kind !== 'weak-aka').map((n) => n.value))] : [],
        countries: entry?.countries ?? [],
        schema: entry?.schema ?? 'Unknown',
      },
      ...(Number.isFinite(share) && share >= 0 && share <= 100 ? { share } : {}),
      ...(role ? { role } : {}),
      ...(start ? { startDate: start.slice(0, 10) } : {}),
      ...(end ? { endDate: end.slice(0, 10) } : {}),
    },
  };
}
