import { ListFormatError } from '../errors';
import type { EntrySchema, ListSnapshot, SanctionsEntry } from '../model';
import { addCountry } from './countries';
import { EntryBuilder } from './entry-builder';
import { sha256, type ParseLimits, type RawInput } from './raw-input';
import { asArray, decodeXmlText, parseListXml } from './xml';

const FORMAT = 'EU FSF XML';
type Node = Record<string, unknown>;

/**
 * Parses the EU Financial Sanctions Files XML (`export` root, namespace
 * http://eu.europa.ec/fpi/fsd/export; one `sanctionEntity` per designation).
 * - entryId = `logicalId`; schema from `subjectType@code` (person / enterprise / …);
 * - names from `nameAlias@wholeName` (or first/middle/last); the first strong alias is primary,
 *   `strong="false"` aliases are weak a.k.a.s;
 * - programs from `regulation@programme`; countries from citizenship / address / birthdate
 *   `countryIso2Code`; listedOn = `designationDate`; version = `generationDate` (date part).
 * @throws ListFormatError when the root is missing or an entity has no name.
 */
export function parseEuFsfXml(input: RawInput, limits?: ParseLimits): ListSnapshot {
  const doc = parseListXml(
    FORMAT,
    input,
    ['sanctionEntity', 'nameAlias', 'regulation', 'citizenship', 'address', 'birthdate', 'identification'],
    limits,
  );
  const root = doc['export'] as Node | undefined;
  if (!root || typeof root !== 'object') throw new ListFormatError(FORMAT, 'root element export missing');
  const entries: SanctionsEntry[] = [];
  asArray(root['sanctionEntity'] as Node[] | undefined).forEach((n, i) => {
    const where = `export/sanctionEntity[${i + 1}]`;
    const id = decodeXmlText(n['@logicalId']) ?? decodeXmlText(n['@euReferenceNumber']);
    if (!id) throw new ListFormatError(FORMAT, 'logicalId missing', where);
    const aliases = asArray(n['nameAlias'] as Node[] | undefined)
      .map((a) => ({
        name:
          decodeXmlText(a['@wholeName']) ??
          [a['@firstName'], a['@middleName'], a['@lastName']].map(decodeXmlText).filter(Boolean).join(' '),
        strong: decodeXmlText(a['@strong']) !== 'false',
      }))
      .filter((a) => a.name);
    const primary = aliases.find((a) => a.strong) ?? aliases[0];
    if (!primary) throw new ListFormatError(FORMAT, 'no nameAlias with a name', where);
    const b = new EntryBuilder('eu-fsf', id, euSchema(decodeXmlText((n['subjectType'] as Node | undefined)?.['@code'])), primary.name);
    for (const a of aliases) b.addName(a.name, a.strong ? 'aka' : 'weak-aka');
    for (const r of asArray(n['regulation'] as Node[] | undefined)) b.addProgram(decodeXmlText(r['@programme']));
    for (const tag of ['citizenship', 'address', 'birthdate'])
      for (const c of asArray(n[tag] as Node[] | undefined)) addCountry(b.entry.countries, decodeXmlText(c['@countryIso2Code']));
    for (const idn of asArray(n['identification'] as Node[] | undefined)) {
      const value = decodeXmlText(idn['@number']);
      if (value)
        b.entry.identifiers.push({
          type: decodeXmlText(idn['@identificationTypeCode']) ?? 'id',
          value,
          country: decodeXmlText(idn['@countryIso2Code']),
        });
    }
    const listed = decodeXmlText(n['@designationDate']);
    if (listed) b.entry.listedOn = listed.slice(0, 10);
    const euRef = decodeXmlText(n['@euReferenceNumber']);
    if (euRef) b.entry.remarks = `EU reference ${euRef}`;
    entries.push(b.entry);
  });
  const generated = decodeXmlText(root['@generationDate']) ?? '';
  return { listId: 'eu-fsf', version: generated.slice(0, 10) || 'unknown', contentHash: sha256(input), entries };
}

function euSchema(code: string | undefined): EntrySchema {
  if (code === 'person') return 'Person';
  if (code === 'enterprise' || code === 'organisation' || code === 'entity') return 'Organization';
  return 'Unknown';
}
