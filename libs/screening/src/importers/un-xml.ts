import { ListFormatError } from '../errors';
import type { ListSnapshot, SanctionsEntry } from '../model';
import { addAddress } from './addresses';
import { addCountry } from './countries';
import { EntryBuilder } from './entry-builder';
import { sha256, type ParseLimits, type RawInput } from './raw-input';
import { asArray, decodeXmlText, parseListXml } from './xml';

const FORMAT = 'UN consolidated XML';
type Node = Record<string, unknown>;

/**
 * Parses the UN Security Council consolidated list XML (`CONSOLIDATED_LIST` with `INDIVIDUALS/INDIVIDUAL`
 * and `ENTITIES/ENTITY`; schema https://www.un.org/sc/resources/sc-sanctions.xsd).
 * - entryId = `REFERENCE_NUMBER` (e.g. `QDi.263`), program = `UN_LIST_TYPE` (e.g. `DPRK`, `Al-Qaida`);
 * - primary name = FIRST_NAME..FOURTH_NAME joined (the UN writes given names first);
 * - `NAME_ORIGINAL_SCRIPT` → `original-script`; `*_ALIAS` with QUALITY `Good` → aka (quality good),
 *   `Low` → weak-aka (quality low), `a.k.a.` → aka, `f.k.a.` → fka;
 * - countries from NATIONALITY and address COUNTRY; version = `dateGenerated` (date part).
 * @throws ListFormatError when the root element is missing or an entry has no reference number / name.
 */
export function parseUnXml(input: RawInput, limits?: ParseLimits): ListSnapshot {
  const doc = parseListXml(
    FORMAT,
    input,
    [
      'INDIVIDUAL',
      'ENTITY',
      'INDIVIDUAL_ALIAS',
      'ENTITY_ALIAS',
      'VALUE',
      'INDIVIDUAL_ADDRESS',
      'ENTITY_ADDRESS',
      'NATIONALITY',
      'INDIVIDUAL_DOCUMENT',
    ],
    limits,
  );
  const root = doc['CONSOLIDATED_LIST'] as Node | undefined;
  if (!root || typeof root !== 'object') throw new ListFormatError(FORMAT, 'root element CONSOLIDATED_LIST missing');
  const generated = decodeXmlText(root['@dateGenerated']) ?? '';
  const entries: SanctionsEntry[] = [];
  const individuals = asArray((root['INDIVIDUALS'] as Node | undefined)?.['INDIVIDUAL'] as Node[] | undefined);
  const entities = asArray((root['ENTITIES'] as Node | undefined)?.['ENTITY'] as Node[] | undefined);
  individuals.forEach((n, i) => entries.push(unEntry(n, 'Person', `INDIVIDUALS/INDIVIDUAL[${i + 1}]`)));
  entities.forEach((n, i) => entries.push(unEntry(n, 'Organization', `ENTITIES/ENTITY[${i + 1}]`)));
  return { listId: 'un', version: generated.slice(0, 10) || 'unknown', contentHash: sha256(input), entries };
}

function unEntry(n: Node, schema: 'Person' | 'Organization', where: string): SanctionsEntry {
  const ref = decodeXmlText(n['REFERENCE_NUMBER']) ?? decodeXmlText(n['DATAID']);
  const parts = ['FIRST_NAME', 'SECOND_NAME', 'THIRD_NAME', 'FOURTH_NAME'].map((k) => decodeXmlText(n[k])).filter((x): x is string => !!x);
  if (!ref) throw new ListFormatError(FORMAT, 'REFERENCE_NUMBER missing', where);
  if (parts.length === 0) throw new ListFormatError(FORMAT, 'FIRST_NAME missing', where);
  const b = new EntryBuilder('un', ref, schema, parts.join(' '));
  b.addName(decodeXmlText(n['NAME_ORIGINAL_SCRIPT']), 'original-script');
  for (const alias of asArray(n[schema === 'Person' ? 'INDIVIDUAL_ALIAS' : 'ENTITY_ALIAS'] as Node[] | undefined)) {
    const q = (decodeXmlText(alias['QUALITY']) ?? '').toLowerCase();
    const value = decodeXmlText(alias['ALIAS_NAME']);
    if (q === 'low') b.addName(value, 'weak-aka', 'low');
    else if (q === 'good') b.addName(value, 'aka', 'good');
    else if (q.startsWith('f.k.a')) b.addName(value, 'fka');
    else b.addName(value, 'aka');
  }
  b.addProgram(decodeXmlText(n['UN_LIST_TYPE']));
  for (const nat of asArray(n['NATIONALITY'] as Node[] | undefined))
    for (const v of asArray(nat['VALUE'])) addCountry(b.entry.countries, decodeXmlText(v));
  for (const addr of asArray(n[schema === 'Person' ? 'INDIVIDUAL_ADDRESS' : 'ENTITY_ADDRESS'] as Node[] | undefined)) {
    addCountry(b.entry.countries, decodeXmlText(addr['COUNTRY']));
    addAddress(
      b.entry,
      ['STREET', 'CITY', 'STATE_PROVINCE', 'ZIP_CODE', 'COUNTRY'].map((k) => decodeXmlText(addr[k])),
    );
  }
  for (const d of asArray(n['INDIVIDUAL_DOCUMENT'] as Node[] | undefined)) {
    const type = decodeXmlText(d['TYPE_OF_DOCUMENT']);
    const value = decodeXmlText(d['NUMBER']);
    if (type && value) b.entry.identifiers.push({ type, value });
  }
  const listed = decodeXmlText(n['LISTED_ON']);
  if (listed) b.entry.listedOn = listed.slice(0, 10);
  const remarks = decodeXmlText(n['COMMENTS1']);
  if (remarks) b.entry.remarks = remarks;
  return b.entry;
}
