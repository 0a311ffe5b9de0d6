import { ScreeningIndex, type SanctionsEntry } from '@tm/screening';
import { transfer } from '../../../../libs/read-models/src/testing/builders';
import { entryKey, screenReport } from './screen-report';
import type { ScreenableReport } from './report-targets';

const entry = (entryId: string, primaryName: string, countries: string[], aliases: string[] = []): SanctionsEntry => ({
  listId: 'un',
  entryId,
  schema: 'Organization',
  primaryName,
  names: [{ value: primaryName, kind: 'primary' }, ...aliases.map((value) => ({ value, kind: 'aka' as const }))],
  programs: ['DPRK'],
  countries,
  identifiers: [],
});
const entries = [entry('KPe.054', 'MINISTRY OF NATIONAL DEFENCE', ['KP'], ['MINISTRY OF DEFENSE']), entry('X-1', 'KOREA MINING DEVELOPMENT TRADING CORPORATION', ['KP'])];
const index = new ScreeningIndex([{ listId: 'un', version: 'test', contentHash: 'test', entries }]);
const options = { threshold: 0.85, entryOf: (listId: string, entryId: string) => ({ entry: entries.find((e) => entryKey(e.listId, e.entryId) === entryKey(listId, entryId))!, listVersion: 'test' }) };

function reportNaming(country: string, name: string, type: 'government-body' | 'company'): ScreenableReport {
  return { reportId: 'r1', retracted: false, evidence: [], claims: [transfer('c1', { recipient: { country: country as 'RU', entity: { name, type } } })] };
}

describe('screenReport: state organs', () => {
  it("never ties one country's ministry to another country's listed one (generic names)", () => {
    expect(screenReport(index, reportNaming('RU', 'Ministry of Defense', 'government-body'), options)).toEqual([]);
  });

  it("still matches the listed country's own organ", () => {
    const alerts = screenReport(index, reportNaming('KP', 'Ministry of Defense', 'government-body'), options);
    expect(alerts.map((a) => a.entryId)).toEqual(['KPe.054']);
  });

  it('leaves companies to the name match, whatever their stated country (fronts register abroad)', () => {
    const alerts = screenReport(index, reportNaming('AE', 'Korea Mining Development Trading Corporation', 'company'), options);
    expect(alerts.map((a) => a.entryId)).toEqual(['X-1']);
  });
});
