import fc from 'fast-check';
import { RequestValidationException } from '../src/http/api-exceptions';
import { unstorableText } from '../src/http/unstorable-text';
import { ApiValidationPipe } from '../src/http/validation';

/**
 * Generated report command bodies, valid and near-valid, and what the API answers them (its text check and its
 * validation pipe): shared by the property test (accepted-is-stored.unit.spec.ts) and the projection test through
 * PostgreSQL (accepted-is-projected.int.spec.ts).
 */

const pipe = new ApiValidationPipe();
export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** What the API answers a parsed body: the DTO it hands the controller, or the refusal. */
export async function answer(
  metatype: new () => object,
  body: unknown,
): Promise<{ dto: Record<string, unknown> } | { status: number; errors: { path: string; rule: string }[] }> {
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
export const mostly = <T>(valid: fc.Arbitrary<T>, ...odd: (string | number)[]) =>
  fc.oneof({ weight: 40, arbitrary: valid as fc.Arbitrary<T | string | number> }, { weight: 1, arbitrary: fc.constantFrom(...odd) });
export const text = (max: number) =>
  fc.oneof(
    { weight: 60, arbitrary: fc.string({ minLength: 1, maxLength: Math.min(max, 40) }).filter((s) => s.trim() !== '') },
    { weight: 2, arbitrary: fc.constantFrom('x'.repeat(max), 'Владимир Путин', '习近平', ' padded ') },
    { weight: 1, arbitrary: fc.constantFrom('', '   ', 'x'.repeat(max + 1)) },
    { weight: 1, arbitrary: fc.string({ unit: 'binary', minLength: 1, maxLength: 8 }) },
  );
export const isoDay = (d: Date) => d.toISOString().slice(0, 10);
export const day = fc.oneof(
  { weight: 12, arbitrary: fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date(), noInvalidDate: true }).map(isoDay) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '0000-01-01',
      '0000-12-31',
      '0001-01-01',
      '9999-12-31',
      '2023-02-29',
      '2024-02-29',
      '2023-13-01',
      '2023-04',
      '2023',
      '+12023-01-01',
    ),
  },
);
export const edtf = fc.oneof(
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '2023',
      '2023-04',
      '2023-04-12',
      '[..2023-04]',
      '2023-02-28/2023-03-02',
      '2023-21',
      '2023-24',
      '0800',
      '0000',
      '0000-01-01',
      'Y12345',
      '9999-12-31',
      '2023-02-29',
    ),
  },
  fc.constantFrom(
    '12345',
    '99999',
    '00000',
    '1234567',
    '123',
    '12',
    '2023?',
    '2023-04~',
    '/2023-04',
    '2022-02/..',
    '[2023-03,2023-04]',
    '-0044',
    'by April 2023',
  ),
  fc.stringMatching(/^\d{1,8}$/),
  day,
);
export const amount = fc.oneof(
  { weight: 20, arbitrary: fc.integer({ min: 0, max: 1_000_000 }) },
  { weight: 5, arbitrary: fc.double({ min: 0, max: 1e15, noNaN: true }) },
  { weight: 1, arbitrary: fc.constantFrom(0, 1e15, 1e15 + 2, -1, 1e308, 0.5, -0) },
);
export const country = mostly(fc.constantFrom('CN', 'RU', 'BY', 'IR', 'KP', 'US', 'DE', 'HK', 'TW', 'XK', 'UA'), 'zz', 'China');
export const optional = <T>(arb: fc.Arbitrary<T>) => fc.option(arb, { nil: undefined, freq: 2 });
export const entity = fc.record(
  {
    name: text(500),
    type: mostly(fc.constantFrom('company', 'government-body', 'armed-forces', 'person', 'organisation', 'vessel', 'aircraft'), 'ship'),
    aliases: fc.array(text(500), { maxLength: 3 }),
    identifiers: fc.dictionary(
      mostly(fc.constantFrom('inn', 'ogrn', 'imo', 'lei'), 'Bad Key'),
      fc.string({ minLength: 1, maxLength: 12 }),
      { maxKeys: 2 },
    ),
    nameParts: fc.record({ given: text(200), family: text(200), patronymic: text(200) }, { requiredKeys: [] }),
  },
  { requiredKeys: ['name', 'type'] },
);
export const party = fc.record({ country, entity: optional(entity) }, { requiredKeys: ['country'] });
export const date = fc.record({ edtf, phrase: optional(text(500)) }, { requiredKeys: ['edtf'] });
export const transfer = fc.record(
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
    quantity: fc.record(
      {
        value: amount,
        min: amount,
        max: amount,
        unit: text(50),
        qualifier: mostly(fc.constantFrom('exact', 'approximately', 'at-least', 'at-most', 'per-month'), 'some'),
      },
      { requiredKeys: ['unit', 'qualifier'] },
    ),
    value: fc.record({ amount, currency: mostly(fc.constantFrom('USD', 'CNY', 'EUR'), 'usd', 'XYZ') }),
    stage: mostly(fc.constantFrom('alleged', 'pledged', 'delivered', 'in-production'), 'sold'),
    date,
    credibility: mostly(fc.constantFrom(1, 2, 3, 4, 5, 6), 7, 0, '3'),
    dealKey: text(200),
    statement: text(5000),
  },
  { requiredKeys: ['kind', 'claimId', 'supplier', 'recipient', 'assistanceType', 'item', 'stage', 'credibility'] },
);
export const diplomatic = fc.record(
  {
    kind: fc.constant('diplomatic-event'),
    claimId: fc.constantFrom('d1', 'd2', 'visit'),
    eventType: mostly(fc.constantFrom('visit', 'host-visit', 'meeting', 'sign-agreement', 'other'), 'party'),
    cameoCode: fc.constantFrom('042', '043', '040', '044', '057', '112', '999'),
    participants: fc.array(
      fc.record(
        { country, entity: optional(entity), role: mostly(fc.constantFrom('visitor', 'host', 'participant'), 'guest') },
        { requiredKeys: ['country', 'role'] },
      ),
      { minLength: 1, maxLength: 3 },
    ),
    place: fc.record({ country, locality: text(200) }, { requiredKeys: ['country'] }),
    date,
    topics: fc.array(text(500), { maxLength: 2 }),
    outcomes: fc.array(text(1000), { maxLength: 2 }),
    credibility: fc.constantFrom(1, 2, 3, 6),
    statement: text(5000),
  },
  { requiredKeys: ['kind', 'claimId', 'eventType', 'participants', 'credibility'] },
);
export const claim = fc.oneof(transfer, diplomatic);
export const source = fc.record(
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
export const reliability = mostly(fc.constantFrom('A', 'B', 'C', 'D', 'E', 'F'), 'G', 'b');

/** Near-valid bodies: one node of a body replaced by an array of it, an empty array, null, another type, dropped, or given an unknown key. */
const MUTATIONS = ['wrap', 'emptyArray', 'null', 'string', 'number', 'object', 'drop', 'unknownKey'] as const;
export function mutate(body: Json, pick: number, how: (typeof MUTATIONS)[number]): Json {
  const copy = json(body);
  const slots: [Record<string, Json> | Json[], string | number][] = [];
  const walk = (node: Json) => {
    const keys: (string | number)[] = Array.isArray(node)
      ? node.map((_c, i) => i)
      : node !== null && typeof node === 'object'
        ? Object.keys(node)
        : [];
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
export const nearly = (valid: fc.Arbitrary<Json>) =>
  fc.oneof(
    { weight: 1, arbitrary: valid },
    { weight: 2, arbitrary: fc.tuple(valid, fc.nat(), fc.constantFrom(...MUTATIONS)).map(([body, pick, how]) => mutate(body, pick, how)) },
  );

export const submitBody = fc.record(
  { source, sourceReliability: reliability, text: text(100_000), claims: fc.array(claim, { maxLength: 3 }) },
  { requiredKeys: ['source', 'sourceReliability', 'claims'] },
) as fc.Arbitrary<Json>;
