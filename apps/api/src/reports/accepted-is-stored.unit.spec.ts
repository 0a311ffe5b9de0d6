import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import {
  AddEvidenceDto,
  AmendClaimDto,
  checkReportCommand,
  decide,
  foldReport as foldAggregate,
  initialReportState,
  isStorableDay,
  ReportRuleError,
  SubmitReportDto,
  type DecidedEvent,
  type ReportCommand,
} from '@tm/domain';
import { applyReportEvent, type ReportState } from '@tm/read-models';
// The row builders the projection writes with (not exported by @tm/read-models).
import { claimStateRow, reportViewRow } from '../../../../libs/read-models/src/postgres/rows';
import { parseEdtf } from '@tm/reference';
import { RequestValidationException } from '../http/api-exceptions';
import { unstorableText } from '../http/unstorable-text';
import { ApiValidationPipe } from '../http/validation';

/**
 * "Accepted means stored, visible and right" (issue 13), as a property: thousands of generated bodies, valid and
 * near-valid, go through what the API does to a body (the text check, the validation pipe); every one it answers
 * 2xx becomes the command the controller sends, passes the processor's checks and decision, is folded into the read
 * models' state and rows without a refusal, and reads back as sent. Every other one is refused with a 4xx naming a
 * field and a rule.
 */

const pipe = new ApiValidationPipe();
type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What the API answers a parsed body: the DTO it hands the controller, or the refusal. */
async function answer(metatype: new () => object, body: unknown): Promise<{ dto: Record<string, unknown> } | { status: number; errors: { path: string; rule: string }[] }> {
  const text = unstorableText(body, '');
  if (text.length > 0) return { status: 400, errors: text };
  try {
    return { dto: (await pipe.transform(body, { type: 'body', metatype })) as Record<string, unknown> };
  } catch (error) {
    if (!(error instanceof RequestValidationException)) throw error;
    return { status: error.getStatus(), errors: error.errors };
  }
}

// Values: mostly valid, with the edges the adversary used (year 0, bare digits, arrays for objects, huge numbers).
/** A valid value most of the time, else one of `odd`: each body has many fields, and a third of them should pass. */
const mostly = <T>(valid: fc.Arbitrary<T>, ...odd: (string | number)[]) => fc.oneof({ weight: 40, arbitrary: valid as fc.Arbitrary<T | string | number> }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
const text = (max: number) =>
  fc.oneof(
    { weight: 60, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 40) }).filter((s) => s.trim() !== '') },
    { weight: 2, arbitrary: fc.constantFrom('x'.repeat(max), 'Владимир Путин', '习近平', ' padded ') },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x'.repeat(max + 1)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
  );
const isoDay = (d: Date) => d.toISOString().slice(0, 10);
const day = fc.oneof(
  { weight: 12, arbitrary: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true }).map(isoDay) },
  { weight: 1, arbitrary: fc.constantFrom('0000-01-01', '0000-12-31', '0001-01-01', '9999-12-31', '2023-02-29', '2024-02-29', '2023-13-01', '2023-04', '2023', '+12023-01-01') },
);
const edtf = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('2023', '2023-04', '2023-04-12', '[..2023-04]', '2023-02-28/2023-03-02', '2023-21', '2023-24', '0800', '0000', '0000-01-01', 'Y12345', '9999-12-31', '2023-02-29') },
  fc.constantFrom('12345', '99999', '00000', '1234567', '123', '12', '2023?', '2023-04~', '/2023-04', '2022-02/..', '[2023-03,2023-04]', '-0044', 'by April 2023'),
  fc.stringMatching(/^\d{1,8}$/),
  day,
);
const amount = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 5, arbitrary: fc.double({ min: 0, max: 1e15, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e15, 1e15 + 2, -1, 1e308, 0.5, -0) },
);
const country = mostly(fc.constantFrom('CN', 'RU', 'BY', 'IR', 'KP', 'US', 'DE', 'HK', 'TW', 'XK', 'UA'), 'zz', 'China');
const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
const entity = fc.record(
  {
    name: text(500),
    type: mostly(fc.constantFrom('company', 'government-body', 'armed-forces', 'person', 'organisation', 'vessel', 'aircraft'), 'ship'),
    aliases: fc.array(text(500), { maxLength: 3 }),
    identifiers: fc.dictionary(mostly(fc.constantFrom('inn', 'ogrn', 'imo', 'lei'), 'Bad Key'), fc.string({ minLength: 1, maxLength: 12 }), { maxKeys: 2 }),
    nameParts: fc.record({ given: text(200), family: text(200), patronymic: text(200) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['name', 'type'] },
);
const party = fc.record({ country, entity: optional(entity) }, { requiredKeys: ['country'] });
const date = fc.record({ edtf, phrase: optional(text(500)) }, { requiredKeys: ['edtf'] });
const transfer = fc.record(
  {
    kind: fc.constant('transfer'),
    claimId: fc.constantFrom('t1', 't2', 'zt-180'),
    supplier: party,
    recipient: party,
    intermediaries: fc.array(party, { maxLength: 2 }),
    endUser: party,
    assistanceType: mostly(fc.constantFrom('military', 'dual-use', 'economic', 'humanitarian'), 'lethal'),
    item: fc.record(
      {
        description: text(2000),
        designation: text(200),
        sipriCategory: mostly(fc.constantFrom('Aircraft', 'Missiles'), 'Drones'),
        hsCode: mostly(fc.constantFrom('880730', '8807.30.00', '852691'), '123'),
        euMilitaryListCategory: mostly(fc.constantFrom('ML10', 'ML4'), 'ML23'),
        dualUseCategory: mostly(fc.constantFrom('7', '5P1'), '10'),
      },
      { requiredKeys: ['description'] },
    ),
    quantity: fc.record({ value: amount, min: amount, max: amount, unit: text(50), qualifier: mostly(fc.constantFrom('exact', 'approximately', 'at-least', 'at-most', 'per-month'), 'some') }, { requiredKeys: ['unit', 'qualifier'] }),
    value: fc.record({ amount, currency: mostly(fc.constantFrom('USD', 'CNY', 'EUR'), 'usd', 'XYZ') }),
    stage: mostly(fc.constantFrom('alleged', 'pledged', 'delivered', 'in-production'), 'sold'),
    date,
    credibility: mostly(fc.constantFrom(1, 2, 3, 4, 5, 6), 7, 0, '3'),
    dealKey: text(200),
    statement: text(5000),
  },
  { requiredKeys: ['kind', 'claimId', 'supplier', 'recipient', 'assistanceType', 'item', 'stage', 'credibility'] },
);
const diplomatic = fc.record(
  {
    kind: fc.constant('diplomatic-event'),
    claimId: fc.constantFrom('d1', 'd2', 'visit'),
    eventType: mostly(fc.constantFrom('visit', 'host-visit', 'meeting', 'sign-agreement', 'other'), 'party'),
    cameoCode: fc.constantFrom('042', '043', '040', '044', '057', '112', '999'),
    participants: fc.array(fc.record({ country, entity: optional(entity), role: mostly(fc.constantFrom('visitor', 'host', 'participant'), 'guest') }, { requiredKeys: ['country', 'role'] }), { minLength: 1, maxLength: 3 }),
    place: fc.record({ country, locality: text(200) }, { requiredKeys: ['country'] }),
    date,
    topics: fc.array(text(500), { maxLength: 2 }),
    outcomes: fc.array(text(1000), { maxLength: 2 }),
    credibility: fc.constantFrom(1, 2, 3, 6),
    statement: text(5000),
  },
  { requiredKeys: ['kind', 'claimId', 'eventType', 'participants', 'credibility'] },
);
const claim = fc.oneof(transfer, diplomatic);
const source = fc.record(
  {
    publisher: text(300),
    url: mostly(fc.webUrl(), 'ftp://example.org/x', 'not a url'),
    title: text(1000),
    publishedOn: day,
    author: text(500),
    sourceType: mostly(fc.constantFrom('news', 'government', 'think-tank', 'customs-record'), 'blog'),
    language: mostly(fc.constantFrom('en', 'de', 'zh-Hans'), 'English'),
  },
  { requiredKeys: ['publisher', 'title', 'publishedOn', 'sourceType'] },
);
const reliability = mostly(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), 'G', 'b');

/** Near-valid bodies: one node of a body replaced by an array of it, an empty array, null, another type, dropped, or given an unknown key. */
const MUTATIONS = ['wrap', 'emptyArray', 'null', 'string', 'number', 'object', 'drop', 'unknownKey'] as const;
function mutate(body: Json, pick: number, how: (typeof MUTATIONS)[number]): Json {
  const copy = json(body);
  const slots: [Record<string, Json> | Json[], string | number][] = [];
  const walk = (node: Json) => {
    const keys: (string | number)[] = Array.isArray(node) ? node.map((_c, i) => i) : node !== null && typeof node === 'object' ? Object.keys(node) : [];
    for (const key of keys) {
      slots.push([node as Record<string, Json>, key]);
      walk((node as Record<string | number, Json>)[key]);
    }
  };
  walk(copy);
  if (slots.length === 0) return copy;
  const [holder, key] = slots[pick % slots.length];
  const slot = holder as Record<string | number, Json>;
  const value = slot[key];
  const replacement: Record<(typeof MUTATIONS)[number], () => void> = {
    wrap: () => void (slot[key] = [value]),
    emptyArray: () => void (slot[key] = []),
    null: () => void (slot[key] = null),
    string: () => void (slot[key] = '2023'),
    number: () => void (slot[key] = 12345),
    object: () => void (slot[key] = { edtf: '2023' }),
    drop: () => (Array.isArray(holder) ? holder.splice(key as number, 1) : delete slot[key]),
    unknownKey: () => void (value !== null && typeof value === 'object' && !Array.isArray(value) ? (value.extra = 1) : (slot[key] = value)),
  };
  replacement[how]();
  return copy;
}
const nearly = (valid: fc.Arbitrary<Json>) =>
  fc.oneof({ weight: 1, arbitrary: valid }, { weight: 2, arbitrary: fc.tuple(valid, fc.nat(), fc.constantFrom(...MUTATIONS)).map(([body, pick, how]) => mutate(body, pick, how)) });

/** A JSON value without its `null` members: the API takes an optional field given as `null` as absent. */
function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

/** The claim as sent: the stored one without the values the processor computes (date bounds, HS-6, CHPL tier, a default CAMEO code). */
function asSent(stored: Record<string, unknown>, sent: Record<string, unknown>): Record<string, unknown> {
  const copy = json(stored) as Record<string, Record<string, unknown>>;
  if (copy.date) {
    const { edtf: e, earliest, latest } = copy.date as { edtf: string; earliest: string; latest: string };
    expect({ earliest, latest }).toEqual({ earliest: parseEdtf(e).earliest, latest: parseEdtf(e).latest });
    // A year, decade or century of bare digits is dated in it (12345 was dated 1970-01-01).
    if (/^\d+$/.test(e)) expect(earliest.slice(0, 4)).toBe(e.padEnd(4, '0').slice(0, 4));
    for (const computed of ['earliest', 'latest', 'precision']) delete copy.date[computed];
  }
  if (copy.item) for (const computed of ['hs6', 'chplTier']) delete copy.item[computed];
  if (sent.cameoCode === undefined) delete copy.cameoCode;
  return copy;
}

/** A command through the processor's checks and decision, then every event through the read models' fold. */
function processAndFold(command: ReportCommand, events: DecidedEvent[]): { state: ReportState; events: DecidedEvent[] } {
  expect(checkReportCommand(command.type, command.payload)).toEqual([]);
  const decided = decide(command, foldAggregate(events));
  const all = [...events, ...decided].map((e) => ({ ...e, payload: json(e.payload) }));
  let state: ReportState | undefined;
  all.forEach((e, i) => {
    state = applyReportEvent(state, { type: e.type, payload: e.payload, version: i + 1, globalPosition: i + 1, recordedAt: new Date() });
  });
  reportViewRow(state!);
  state!.claims.forEach((c) => claimStateRow(c));
  return { state: state!, events: all };
}

const tally = { accepted: 0, refused: 0 };
function refusedProperly(result: { status: number; errors: { path: string; rule: string }[] }) {
  tally.refused += 1;
  expect([400, 422]).toContain(result.status);
  expect(result.errors.length).toBeGreaterThan(0);
  for (const e of result.errors) expect(e.path !== '' && e.rule !== '').toBe(true);
}

const submitBody = fc.record({ source, sourceReliability: reliability, text: text(100_000), claims: fc.array(claim, { maxLength: 3 }) }, { requiredKeys: ['source', 'sourceReliability', 'claims'] }) as fc.Arbitrary<Json>;
const base = { source: { publisher: 'P', title: 'T', publishedOn: '2023-02-23', sourceType: 'news' }, sourceReliability: 'B' };
const baseClaims = [
  { kind: 'transfer', claimId: 't1', supplier: { country: 'CN' }, recipient: { country: 'RU' }, assistanceType: 'military', item: { description: 'drones' }, stage: 'alleged', credibility: 3 },
  { kind: 'diplomatic-event', claimId: 'd1', eventType: 'visit', participants: [{ country: 'BY', role: 'visitor' }], credibility: 2 },
];
const submitted = (reportId: string) => decide({ type: 'SubmitReport', payload: { reportId, ...base, claims: baseClaims } } as ReportCommand, initialReportState);

describe('a body the API accepts is stored and read back as sent (fast-check)', () => {
  afterAll(() => {
    // The generated bodies exercise both sides (printed for the closing note's fuzz counts).
    console.log(`accepted-is-stored: ${tally.accepted} accepted, ${tally.refused} refused`);
  });

  it('reports: 202 → processed, folded, and every value read back as sent; otherwise 4xx naming field and rule', async () => {
    const before = { ...tally };
    await fc.assert(
      fc.asyncProperty(nearly(submitBody), async (body) => {
        const result = await answer(SubmitReportDto, body);
        if (!('dto' in result)) return refusedProperly(result);
        tally.accepted += 1;
        const dto = result.dto;
        const reportId = randomUUID();
        const payload = json({ reportId, source: dto.source, sourceReliability: dto.sourceReliability, ...(dto.text ? { text: dto.text } : {}), claims: dto.claims });
        const { state } = processAndFold({ type: 'SubmitReport', payload } as ReportCommand, []);
        const sent = json(body) as { source: Record<string, unknown>; claims: Record<string, unknown>[]; text?: string };
        expect(withoutNulls(state.source)).toEqual(withoutNulls(sent.source));
        expect(state.text).toEqual(sent.text ?? undefined);
        expect(withoutNulls(state.claims.map((c, i) => asSent(c.claim as unknown as Record<string, unknown>, sent.claims[i])))).toEqual(withoutNulls(sent.claims));
        const row = reportViewRow(state);
        if (/^\d{4}-\d{2}-\d{2}$/.test(sent.source.publishedOn as string)) expect(isStorableDay(row.published_on)).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // Both sides are exercised: a few hundred bodies accepted, most near-valid ones refused.
    expect(tally.accepted - before.accepted).toBeGreaterThan(300);
    expect(tally.refused - before.refused).toBeGreaterThan(1000);
  }, 300_000);

  it('evidence: 202 → processed, folded onto its claim as sent', async () => {
    const evidenceBody = fc.record(
      { stance: fc.constantFrom('supports', 'confirms', 'contradicts', 'denies', 'qualifies', 'retracts', 'agrees'), source, sourceReliability: reliability, attributedTo: party, statement: text(5000), credibilityAfter: fc.constantFrom(1, 3, 6, 0) },
      { requiredKeys: ['stance', 'source', 'sourceReliability'] },
    ) as fc.Arbitrary<Json>;
    await fc.assert(
      fc.asyncProperty(nearly(evidenceBody), async (body) => {
        const result = await answer(AddEvidenceDto, body);
        if (!('dto' in result)) return refusedProperly(result);
        tally.accepted += 1;
        const reportId = randomUUID();
        const evidence = { evidenceId: randomUUID(), claimId: 't1', ...result.dto };
        const { state } = processAndFold({ type: 'AddEvidence', payload: json({ reportId, evidence }) } as ReportCommand, submitted(reportId));
        expect(withoutNulls(state.claims[0].evidence)).toEqual([withoutNulls({ evidenceId: evidence.evidenceId, claimId: 't1', ...(json(body) as object) })]);
      }),
      { numRuns: 1500 },
    );
  }, 300_000);

  it('amendments: 202 → processed (or refused by a rule only the report knows: its claims and their kinds), folded as sent', async () => {
    const amendBody = fc.record({ claim, reason: text(2000) }, { requiredKeys: ['claim', 'reason'] }).map((b) => {
      const c = b.claim as Record<string, unknown>;
      return { ...b, claim: { ...c, claimId: c.kind === 'transfer' ? 't1' : 'd1' } };
    }) as fc.Arbitrary<Json>;
    await fc.assert(
      fc.asyncProperty(nearly(amendBody), async (body) => {
        const result = await answer(AmendClaimDto, body);
        if (!('dto' in result)) return refusedProperly(result);
        tally.accepted += 1;
        const reportId = randomUUID();
        const dto = result.dto as { claim: { claimId: string }; reason: string };
        let state: ReportState;
        try {
          ({ state } = processAndFold({ type: 'AmendClaim', payload: json({ reportId, claim: dto.claim, reason: dto.reason }) } as ReportCommand, submitted(reportId)));
        } catch (error) {
          // The API cannot know the report's claims: the processor answers these as a rejected command, not a dead letter.
          if (error instanceof ReportRuleError && ['unknown-claim', 'claim-kind-changed'].includes(error.code)) return;
          throw error;
        }
        const sent = json(body) as { claim: Record<string, unknown> };
        const amended = state.claims.find((c) => c.claimId === dto.claim.claimId)!;
        expect(withoutNulls(asSent(amended.claim as unknown as Record<string, unknown>, sent.claim))).toEqual(withoutNulls(sent.claim));
      }),
      { numRuns: 1500 },
    );
  }, 300_000);
});
