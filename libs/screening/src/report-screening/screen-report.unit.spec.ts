import { ScreeningIndex } from '../matching/screening-index';
import type { SanctionsEntry } from '../model';
import { countryQualifying } from './country-qualifier';
import { entryKey, screenReport, screenReportYielding } from './screen-report';
import { screeningTargets, type ScreenableReport } from './report-targets';
import { transfer } from '@tm/testing';

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
const entries = [
  entry('KPe.054', 'MINISTRY OF NATIONAL DEFENCE', ['KP'], ['MINISTRY OF DEFENSE']),
  entry('X-1', 'KOREA MINING DEVELOPMENT TRADING CORPORATION', ['KP']),
];
const index = new ScreeningIndex([{ listId: 'un', version: 'test', contentHash: 'test', entries }]);
const options = {
  threshold: 0.85,
  entryOf: (listId: string, entryId: string) => ({
    entry: entries.find((e) => entryKey(e.listId, e.entryId) === entryKey(listId, entryId))!,
    listVersion: 'test',
  }),
};

function reportNaming(country: string, name: string, type: 'government-body' | 'company'): ScreenableReport {
  return {
    reportId: 'r1',
    retracted: false,
    evidence: [],
    claims: [transfer('c1', { recipient: { country: country as 'RU', entity: { name, type } } })],
  };
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

describe('screenReport: names a text qualifies by a country', () => {
  const pla = entry('4715', 'SHINING PATH', [], ["PEOPLE'S LIBERATION ARMY"]);
  const plaIndex = new ScreeningIndex([{ listId: 'un', version: 'test', contentHash: 'test', entries: [pla] }]);
  const plaOptions = { threshold: 0.85, entryOf: () => ({ entry: pla, listVersion: 'test' }) };
  const withText = (text: string): ScreenableReport => ({ reportId: 'r1', retracted: false, evidence: [], claims: [], text });

  it("does not take China's People's Liberation Army for an entry not listed for China", () => {
    expect(
      screenReport(plaIndex, withText("Companies under the control of China's People's Liberation Army planned deliveries."), plaOptions),
    ).toEqual([]);
  });

  it('still matches the name when the text does not say whose it is', () => {
    expect(
      screenReport(plaIndex, withText("Attacks claimed by the People's Liberation Army continued."), plaOptions).map((a) => a.entryId),
    ).toEqual(['4715']);
  });
});

describe('countryQualifying', () => {
  it('reads possessive country names before a span, longest name first', () => {
    const at = (text: string, span: string) => countryQualifying(text, text.indexOf(span));
    expect(at("China's People's Liberation Army", "People's")).toBe('CN');
    expect(at('North Korea’s Ministry of Defense', 'Ministry')).toBe('KP');
    expect(at('the Ministry of Defense', 'Ministry')).toBeUndefined();
    expect(at("Bingo's drones", 'drones')).toBeUndefined();
    expect(at('the Russian Defense Ministry ordered', 'Defense')).toBe('RU');
    expect(at('the North Korean Ministry of Defense', 'Ministry')).toBe('KP');
    const span = 'Ministry of National Defence';
    const text = `the ${span} of North Korea said`;
    expect(countryQualifying(text, text.indexOf(span), text.indexOf(span) + span.length)).toBe('KP');
  });
});

describe('screenReport: text mentions', () => {
  it("does not take the Russian Defense Ministry of a statement for the DPRK's listed ministry", () => {
    const report: ScreenableReport = {
      reportId: 'r1',
      retracted: false,
      evidence: [],
      claims: [transfer('c1', { statement: 'The Russian Ministry of Defense ordered drones.' } as never)],
    };
    expect(screenReport(index, report, options)).toEqual([]);
  });

  it("does not take an unqualified 'The Ministry of Defense said…' for the DPRK's listed ministry; North Korea's is it", () => {
    const report = (text: string): ScreenableReport => ({ reportId: 'r1', retracted: false, evidence: [], claims: [], text });
    expect(screenReport(index, report('The Ministry of Defense said the drills would continue.'), options)).toEqual([]);
    expect(
      screenReport(index, report("North Korea's Ministry of Defense said the launch succeeded."), options).map((a) => a.entryId),
    ).toEqual(['KPe.054']);
  });

  it('raises one alert per entry per claim text, however often the text repeats the name', () => {
    const text = Array.from({ length: 10 }, () => 'The Ministry of National Defence of North Korea ordered it.').join(' ');
    const report: ScreenableReport = {
      reportId: 'r1',
      retracted: false,
      evidence: [],
      claims: [transfer('c1', { statement: text } as never), transfer('c2', { statement: text } as never)],
    };
    const alerts = screenReport(index, report, options).filter((a) => a.entryId === 'KPe.054');
    expect(alerts).toHaveLength(2);
  });
});

describe('screening targets: a person given in name parts', () => {
  const person = (entity: Record<string, unknown>): ScreenableReport => ({
    reportId: 'r2',
    retracted: false,
    evidence: [],
    claims: [transfer('c1', { supplier: { country: 'RU', entity: entity as never } })],
  });

  it('passes the parts with the entity name, not with its aliases, and only for a person', () => {
    const nameParts = { given: 'Vladimir', family: 'Putin' };
    const [target] = screeningTargets(person({ name: 'Putin Vladimir', type: 'person', aliases: ['Владимир Путин'], nameParts }));
    expect(target).toMatchObject({ kind: 'name', names: ['Putin Vladimir', 'Владимир Путин'], parts: nameParts, schema: 'Person' });
    expect(screeningTargets(person({ name: 'Putin Ltd', type: 'company', nameParts }))[0]).not.toHaveProperty('parts');
    expect(screeningTargets(person({ name: 'Putin Vladimir', type: 'person' }))[0]).not.toHaveProperty('parts');

    const queries: unknown[] = [];
    const spy = { screenName: (query: unknown) => (queries.push(query), []) } as unknown as ScreeningIndex;
    screenReport(spy, person({ name: 'Putin Vladimir', type: 'person', aliases: ['Владимир Путин'], nameParts }), options);
    expect(queries).toEqual([
      { name: 'Putin Vladimir', parts: nameParts, schema: 'Person', countries: ['RU'] },
      { name: 'Владимир Путин', schema: 'Person', countries: ['RU'] },
    ]);
  });
});

describe('screenReportYielding: the same candidates, the event loop given turns between targets', () => {
  const report: ScreenableReport = {
    reportId: 'r2',
    retracted: false,
    evidence: [],
    text: 'The Korea Mining Development Trading Corporation shipped it; the Ministry of National Defence paid.',
    claims: [
      transfer('c1', { supplier: { country: 'KP', entity: { name: 'Korea Mining Development Trading Corp', type: 'company' } } }),
      transfer('c2', { recipient: { country: 'KP', entity: { name: 'Ministry of Defense', type: 'government-body' } } }),
    ],
  };

  it('answers what screenReport answers, and lets other callbacks run before it is done', async () => {
    const expected = screenReport(index, report, options);
    expect(expected.length).toBeGreaterThan(1);
    let ranBetween = false;
    let done = false;
    setImmediate(() => (ranBetween = !done));
    const got = await screenReportYielding(index, report, options, 0);
    done = true;
    expect(got).toEqual(expected);
    expect(ranBetween).toBe(true);
  });
});
