import { readFileSync } from 'node:fs';
import { dataPath } from '../data-path';
import { ListFormatError } from '../errors';
import { lists } from '../../test/support/shared-index';
import { diffSnapshots, entryFingerprint } from './diff';
import { loadListFromFiles } from './load-from-files';
import { parseOfacCsv } from './ofac-csv';
import { linkedToFromRemarks, weakAliasesFromRemarks } from './ofac-remarks';
import { applyOpenSanctionsDelta, parseOpenSanctionsDelta } from './opensanctions-delta';
import { parseUnXml } from './un-xml';
import { parseEuFsfXml } from './eu-fsf-xml';
import { parseUsCslCsv } from './us-csl-csv';

const sample = (...p: string[]) => readFileSync(dataPath('sanctions', ...p));

describe('OFAC SDN CSV importer', () => {
  it('reads the full 2024-05-03 SDN list: 14,965 entries by type', () => {
    const s = lists.sdn2024();
    expect(s.entries).toHaveLength(14965);
    const bySchema: Record<string, number> = {};
    for (const e of s.entries) bySchema[e.schema] = (bySchema[e.schema] ?? 0) + 1;
    expect(bySchema).toEqual({ Person: 6854, Organization: 6884, Vessel: 851, Aircraft: 376 });
    // 4,440 lines mention RUSSIA-EO14024; in one of them it is only named in Remarks.
    expect(s.entries.filter((e) => e.programs.includes('RUSSIA-EO14024'))).toHaveLength(4439);
    expect(s.contentHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('reads the 2021-07 file set: 8,976 entries', () => {
    expect(lists.sdn2021().entries).toHaveLength(8976);
  });

  it('splits programs, joins aliases and address countries', () => {
    const kalashnikov = lists.sdn2024().entries.find((e) => e.entryId === '16911')!;
    expect(kalashnikov.programs).toEqual(['UKRAINE-EO13661', 'RUSSIA-EO14024']);
    expect(kalashnikov.names).toContainEqual({ value: 'CONCERN KALASHNIKOV', kind: 'aka' });
    const lukashenka = lists.sdn2024().entries.find((e) => e.entryId === '9760')!;
    expect(lukashenka).toMatchObject({
      schema: 'Person',
      primaryName: 'LUKASHENKA, Alyaksandr Ryhorovich',
      programs: ['BELARUS'],
      countries: ['BY'],
    });
  });

  it('turns a.k.a.s in Remarks into weak aliases', () => {
    const bnc = lists.sdn2024().entries.find((e) => e.entryId === '306')!;
    expect(bnc.names).toContainEqual({ value: 'BNC', kind: 'weak-aka' });
    expect(weakAliasesFromRemarks("DOB 09 Feb 1951; Political Leader for HAMAS; a.k.a. 'ABU-'UMAR'.")).toEqual(["ABU-'UMAR"]);
    expect(weakAliasesFromRemarks('a.k.a. "SBERBANK INDIA"; a.k.a. \'SBERBANK MUMBAI\'.')).toEqual(['SBERBANK INDIA', 'SBERBANK MUMBAI']);
    expect(
      lists
        .sdn2024()
        .entries.flatMap((e) => e.names)
        .filter((n) => n.kind === 'weak-aka').length,
    ).toBeGreaterThan(3000);
  });

  it('reads the non-SDN consolidated files (442 entries, same layout)', () => {
    const s = loadListFromFiles('ofac-non-sdn', [dataPath('sanctions/ofac-non-sdn-2025-12')], { version: '2025-12-24' });
    expect(s.listId).toBe('ofac-non-sdn');
    expect(s.entries).toHaveLength(442);
    expect(s.entries.find((e) => e.entryId === '9639')!.names.map((n) => n.value)).toContain('HANIYYA, Ismaeel');
  });

  it('rejects a row without a numeric ent_num, naming the line', () => {
    const bad =
      '36,"AEROCARIBBEAN AIRLINES",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\nX1,"BAD",-0- ,"CUBA",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \r\n';
    expect(() => parseOfacCsv({ primary: bad }, { version: 'x' })).toThrow(/line 2/);
    expect(() => parseOfacCsv({ primary: bad }, { version: 'x' })).toThrow(ListFormatError);
  });

  it('refuses input above the byte limit', () => {
    expect(() => parseOfacCsv({ primary: 'x'.repeat(100) }, { version: 'x', maxBytes: 10 })).toThrow(/above the limit/);
  });
});

describe('relations: OFAC "Linked To:" and OpenSanctions Ownership/Directorship', () => {
  it('reads every Linked To: of a remark, without its closing full stop', () => {
    expect(
      linkedToFromRemarks(
        'Additional Sanctions Information; Linked To: ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE; Linked To: HIZBALLAH.',
      ),
    ).toEqual(['ISLAMIC REVOLUTIONARY GUARD CORPS (IRGC)-QODS FORCE', 'HIZBALLAH']);
    expect(linkedToFromRemarks('DOB 1950')).toEqual([]);
  });

  it('puts a Linked To: on the named entry as a linked party, and an FtM Ownership on the listed owner with its share and dates', () => {
    const sdn = parseOfacCsv(
      {
        primary:
          '1,"BANK ROSSIYA",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- \n2,"ABR MANAGEMENT",-0- ,"RUSSIA-EO14024",-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,-0- ,"Linked To: BANK ROSSIYA."\n',
      },
      { version: '2024-05-03' },
    );
    expect(sdn.entries.find((e) => e.entryId === '1')!.relations).toEqual([
      { kind: 'linked', party: { id: '2', name: 'ABR MANAGEMENT', names: ['ABR MANAGEMENT'], countries: [], schema: 'Organization' } },
    ]);
    const os = loadListFromFiles('opensanctions-ftm', [dataPath('sanctions/opensanctions/zala-kalashnikov.entities.ftm.json')]);
    const kalashnikov = os.entries.find((e) => e.entryId === 'NK-nR5AXM9AVPq4pQaSPSaVam')!;
    expect(kalashnikov.relations).toEqual([
      expect.objectContaining({ kind: 'owns', role: 'subsidiary of', party: expect.objectContaining({ id: 'NK-abdzbEBkqyT29GyREbiURZ' }) }),
      expect.objectContaining({ kind: 'owns', share: 49, startDate: '2016-03-29', party: expect.objectContaining({ countries: ['RU'] }) }),
    ]);
    expect(os.entries.filter((e) => e.relations).reduce((n, e) => n + e.relations!.length, 0)).toBe(17); // 14 Ownership + 3 Directorship
  });
});

describe('list-version delta (diffSnapshots)', () => {
  it('finds designations and delistings between the real 2021-07 and 2024-05-03 SDN files', () => {
    const before = loadListFromFiles('ofac-sdn', [dataPath('sanctions/ofac-sdn-2021-07/sdn.csv')], { version: '2021-07-07' });
    const after = loadListFromFiles('ofac-sdn', [dataPath('sanctions/ofac-sdn-2024-05-03/sdn.csv')], { version: '2024-05-03' });
    const d = diffSnapshots(before, after);
    expect(d.designated).toHaveLength(6870);
    expect(d.delisted).toHaveLength(881);
    // 220 entries changed their own fields; 137 more changed only their "Linked To:" parties (relations are part of
    // an entry's version: an entry newly linked to HIZBALLAH amends HIZBALLAH).
    expect(d.amended).toHaveLength(357);
    const withoutRelations = ({ relations: _relations, ...e }: (typeof d.amended)[number]['after']) => e;
    expect(
      d.amended.filter((a) => entryFingerprint(withoutRelations(a.before)) !== entryFingerprint(withoutRelations(a.after))),
    ).toHaveLength(220);
    expect(8976 + 6870 - 881).toBe(14965);
    expect(d.designated.map((e) => e.entryId)).toContain('35096'); // PUTIN, Vladimir Vladimirovich (2022)
    expect(d.delisted.map((e) => e.primaryName)).toContain('NORIEGA, Manuel Antonio');
    // Stable: the same inputs give the same delta, and an unchanged entry is not amended.
    expect(diffSnapshots(before, after).amended.map((a) => a.after.entryId)).toEqual(d.amended.map((a) => a.after.entryId));
    expect(diffSnapshots(after, after)).toEqual({ designated: [], amended: [], delisted: [] });
  });

  it('treats a first import as all designated and ignores name order in fingerprints', () => {
    const s = lists.un();
    expect(diffSnapshots(undefined, s).designated).toHaveLength(1003);
    const e = s.entries.find((x) => x.names.length > 2)!;
    expect(entryFingerprint({ ...e, names: [...e.names].reverse() })).toBe(entryFingerprint(e));
  });
});

describe('UN consolidated XML importer', () => {
  it('reads 730 individuals and 273 entities with aliases graded Good/Low', () => {
    const s = lists.un();
    expect(s.version).toBe('2026-02-27');
    expect(s.entries.filter((e) => e.schema === 'Person')).toHaveLength(730);
    expect(s.entries.filter((e) => e.schema === 'Organization')).toHaveLength(273);
    const names = s.entries.flatMap((e) => e.names);
    expect(names.some((n) => n.kind === 'weak-aka' && n.quality === 'low')).toBe(true);
    expect(names.some((n) => n.kind === 'aka' && n.quality === 'good')).toBe(true);
    expect(names.some((n) => n.kind === 'original-script' && /\p{Script=Arabic}/u.test(n.value))).toBe(true);
    const adf = s.entries.find((e) => e.entryId === 'CDe.001')!;
    expect(adf).toMatchObject({ primaryName: 'ADF', programs: ['DRC'], listedOn: '2014-06-30' });
    expect(adf.names).toContainEqual({ value: 'NALU', kind: 'fka' });
  });

  it('refuses XML with entity declarations', () => {
    const evil =
      '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "aaaa"><!ENTITY b "&a;&a;&a;">]><CONSOLIDATED_LIST><INDIVIDUALS/></CONSOLIDATED_LIST>';
    expect(() => parseUnXml(evil)).toThrow(/<!ENTITY/);
    expect(() => parseEuFsfXml(evil.replace(/CONSOLIDATED_LIST/g, 'export'))).toThrow(ListFormatError);
  });

  it('reports malformed XML with its line', () => {
    expect(() => parseUnXml('<CONSOLIDATED_LIST>\n<INDIVIDUALS>\n</CONSOLIDATED_LIST>')).toThrow(/line \d+/);
  });
});

describe('EU, UK, US CSL and OpenSanctions importers', () => {
  it('reads the EU Financial Sanctions Files sample', () => {
    const s = parseEuFsfXml(sample('format-samples', 'eu_fsf-sample.xml'));
    expect(s).toMatchObject({ listId: 'eu-fsf', version: '2020-04-15' });
    expect(s.entries).toHaveLength(7);
    expect(s.entries[0]).toMatchObject({
      entryId: '5295',
      schema: 'Person',
      primaryName: 'Abid Hammadou',
      programs: ['TAQA'],
      countries: ['DZ'],
    });
  });

  it('reads the UK HMT ConList sample, one entry per Group ID', () => {
    const s = loadListFromFiles('uk-hmt-csv', [dataPath('sanctions/format-samples/uk_hmt_conlist-sample.csv')]);
    expect(s.version).toBe('2020-04-27');
    const hojati = s.entries.find((e) => e.entryId === '9053')!;
    expect(hojati).toMatchObject({ primaryName: 'HOJATI, Mohsen', schema: 'Person', programs: ['Iran (nuclear proliferation)'] });
    expect(hojati.names).toContainEqual({ value: 'محسن حجتی', kind: 'original-script' });
    expect(new Set(s.entries.map((e) => e.entryId)).size).toBe(s.entries.length);
  });

  it('reads the US Consolidated Screening List sample, one entry per _id, from every agency', () => {
    const s = loadListFromFiles('us-csl-csv', [dataPath('sanctions/format-samples/us_csl-sample.csv')], { version: '2026-01-01' });
    expect(s).toMatchObject({ listId: 'us-csl', version: '2026-01-01' });
    expect(s.entries).toHaveLength(13);
    const byId = (id: string) => s.entries.find((e) => e.entryId === id)!;
    // Treasury rows: entity number, type, programs, alt names, nationality and passport.
    expect(byId('52291')).toMatchObject({ schema: 'Person', primaryName: 'RIM, Ryong Nam', programs: ['NPWMD'], countries: ['KP', 'CN'] });
    expect(byId('52291').identifiers).toContainEqual({ type: 'Passport', value: '836238033', country: 'KP' });
    expect(byId('18283')).toMatchObject({
      schema: 'Organization',
      primaryName: 'SME BANK',
      programs: ['UKRAINE-EO13662'],
      countries: ['RU'],
    });
    expect(byId('18283').names).toContainEqual({ value: 'JSC SME BANK', kind: 'aka' });
    expect(byId('28603').programs).toEqual(['VENEZUELA-EO13850', 'UKRAINE-EO13662']);
    // Commerce and State rows: no type, the source list's abbreviation as program, the ISN successor clause dropped.
    expect(byId('233a4d725770c81fb561ffe3842c14010c2201971d6be62eca1e613b')).toMatchObject({
      schema: 'Unknown',
      primaryName: 'Sinobright Import and Export Company',
      programs: ['INKSNA'],
      listedOn: '2023-07-19',
    });
    const aaspt = byId('66f6ab3f26234b75a9093fce79ef0ce0');
    expect(aaspt).toMatchObject({ programs: ['MEU'], countries: ['CN'], listedOn: '2020-12-23' });
    expect(aaspt.names).toEqual(
      expect.arrayContaining([
        { value: 'Academy of Aerospace Solid Propulsion Technology (AASPT)', kind: 'primary' },
        { value: 'Academy of Aerospace Solid Propulsion Technology', kind: 'aka' },
        { value: 'AASPT', kind: 'weak-aka' },
      ]),
    );
    expect(byId('99ed1b052fdb09695fae1ba87516d8a0882b0df04652e07aeb5ce7be').names).toContainEqual({
      value: 'CETC Research Institute 13',
      kind: 'aka',
    });
    expect(byId('b601cbf2841d0aaedfe63661581ffbc3d54b6ba39d7e3a9027cff50e')).toMatchObject({
      programs: ['DPL'],
      countries: ['US'],
      remarks: '50 YEAR DENIAL',
    });
  });

  it('refuses a CSL file without its columns or a row without _id or name', () => {
    expect(() => parseUsCslCsv('name,source\nX,Y\n')).toThrow(/column "_id" missing/);
    const header = readFileSync(dataPath('sanctions/format-samples/us_csl-sample.csv'), 'utf8').split('\n')[0]!;
    expect(() => parseUsCslCsv(`${header}\n"",EL,,,,Some Name\n`)).toThrow(/_id is empty.*line 2/);
    expect(() => parseUsCslCsv(`${header}\n"x1",EL,,,,""\n`)).toThrow(/name is empty/);
  });

  it('reads OpenSanctions FtM entities and attaches Sanction programs', () => {
    const s = loadListFromFiles('opensanctions-ftm', [dataPath('sanctions/opensanctions/zala-kalashnikov.entities.ftm.json')]);
    expect(s.entries).toHaveLength(14);
    expect(s.entries.some((e) => e.primaryName === 'ZALA AERO JSC')).toBe(true);
    expect(s.entries.some((e) => e.programs.length > 5)).toBe(true);
  });

  it('reads targets.simple.csv', () => {
    const s = loadListFromFiles('opensanctions-targets-csv', [dataPath('sanctions/opensanctions/targets.simple-sample.csv')]);
    expect(s.entries).toHaveLength(5);
    expect(s.entries[0]).toMatchObject({ entryId: 'Q296771', schema: 'Person', primaryName: 'Saad Hariri', countries: ['FR', 'LB', 'SA'] });
  });

  it('applies ADD/MOD/DEL delta files in order', () => {
    const base = loadListFromFiles('opensanctions-ftm', [dataPath('sanctions/opensanctions/eu_fsf-sample.entities.ftm.json')]);
    const file1 = sample('opensanctions', 'delta-sample', '20240527194702-wnk.entities.delta.json');
    const ops = parseOpenSanctionsDelta(file1);
    expect(ops.length).toBeGreaterThan(0);
    const next = applyOpenSanctionsDelta(base, file1, '20240527194702-wnk');
    const added = ops.filter((o) => o.op === 'ADD').map((o) => o.entity.id);
    for (const id of added) expect(next.entries.some((e) => e.entryId === id)).toBe(true);
    expect(() => parseOpenSanctionsDelta('{"op":"PATCH","entity":{"id":"x"}}')).toThrow(/unknown op/);
  });
});
