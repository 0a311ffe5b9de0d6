import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { checkReportCommand, NAME_LIMITS, SubmitReportDto } from '@tm/domain';
import { RequestValidationException } from '../../http/api-exceptions';
import { ApiValidationPipe } from '../../http/validation';
import { ScreenNameDto } from '../../screening/screening.dto';

const pipe = new ApiValidationPipe();

/** The API's answer to a body: `accepted`, or its status and `path rule` list. */
async function validate(metatype: new () => object, body: unknown): Promise<{ status: number; errors: string[] }> {
  try {
    await pipe.transform(body, { type: 'body', metatype });
    return { status: 200, errors: [] };
  } catch (error) {
    if (!(error instanceof RequestValidationException)) throw error;
    return { status: error.getStatus(), errors: error.errors.map((e) => `${e.path} ${e.rule}`) };
  }
}

const report = (supplierEntity: unknown) => ({
  source: { publisher: 'Der Spiegel', title: 'Drones for Russia', publishedOn: '2023-02-23', sourceType: 'news' },
  sourceReliability: 'B',
  claims: [
    {
      kind: 'transfer',
      claimId: 'zt-180',
      supplier: { country: 'CN', entity: supplierEntity },
      recipient: { country: 'RU' },
      assistanceType: 'military',
      item: { description: 'kamikaze drones' },
      stage: 'alleged',
      credibility: 3,
    },
  ],
});
const person = (nameParts: unknown, type: unknown = 'person') => ({ name: 'Vladimir Putin', type, nameParts });

describe('nameParts of a report party (EntityDto)', () => {
  const rulesOf = async (nameParts: unknown, type?: unknown) => validate(SubmitReportDto, report(person(nameParts, type)));
  const at = 'claims[0].supplier.entity.nameParts';

  it('accepts a person in parts, any script', async () => {
    expect(await rulesOf({ given: 'Vladimir', patronymic: 'Vladimirovich', family: 'Putin' })).toEqual({ status: 200, errors: [] });
    expect(await rulesOf({ given: 'Владимир', family: 'Путин' })).toEqual({ status: 200, errors: [] });
    expect(await rulesOf({ family: 'x'.repeat(NAME_LIMITS.partMaxLength) })).toEqual({ status: 200, errors: [] });
  });

  it.each([
    ['a company', { family: 'Putin' }, 'company', 422, [`${at} namePartsForPersonsOnly`]],
    ['no part', {}, 'person', 422, [`${at} namePartsNotEmpty`]],
    ['a string', 'Putin', 'person', 422, [`${at} isObject`]],
    ['an array', [{ family: 'Putin' }], 'person', 422, [`${at} isObject`]],
    ['null', null, 'person', 422, [`${at} isObject`]],
    ['an unknown part', { family: 'Putin', first: 'Vladimir' }, 'person', 400, [`${at}.first whitelistValidation`]],
    ['a part over 200 characters', { family: 'x'.repeat(NAME_LIMITS.partMaxLength + 1) }, 'person', 422, [`${at}.family maxLength`]],
    ['a part without a letter', { given: '...', family: 'Putin' }, 'person', 422, [`${at}.given hasLetter`]],
    ['a part of another type', { given: 7, family: 'Putin' }, 'person', 422, [`${at}.given isString`]],
    ['a null part', { given: null, family: 'Putin' }, 'person', 422, [`${at}.given isString`]],
  ])('refuses %s', async (_name, nameParts, type, status, errors) => {
    expect(await rulesOf(nameParts, type)).toEqual({ status, errors });
  });

  it('a body the API accepts, the processor accepts too, and the other way round (generated nameParts)', async () => {
    const text = fc.oneof(
      fc.string({ maxLength: 4 }),
      fc.constantFrom(
        'Putin',
        'Путин',
        '习近平',
        ' Kim ',
        '...',
        '  ',
        '-',
        '42',
        '\u0007',
        '\u200b',
        'x'.repeat(NAME_LIMITS.partMaxLength),
        'y'.repeat(NAME_LIMITS.partMaxLength + 1),
      ),
    );
    const part = fc.oneof({ weight: 6, arbitrary: text }, fc.constant(null), fc.integer(), fc.constant([]), fc.constant({}), fc.boolean());
    const parts = fc.oneof(
      { weight: 8, arbitrary: fc.record({ given: part, middle: part, family: part, patronymic: part }, { requiredKeys: [] }) },
      fc.dictionary(fc.constantFrom('given', 'family', 'first', 'last', 'Given'), part, { maxKeys: 3 }),
      fc.constantFrom(null, 'Putin', [], 0, true),
      fc.array(fc.record({ family: text }), { maxLength: 2 }),
    );
    const type = fc.constantFrom('person', 'person', 'person', 'company', 'vessel');
    await fc.assert(
      fc.asyncProperty(parts, type, async (nameParts, entityType) => {
        const body = report(person(nameParts, entityType));
        // As the API receives it: parsed JSON (fast-check's objects may have a null prototype).
        const json = () => JSON.parse(JSON.stringify(body));
        const api = await validate(SubmitReportDto, json());
        const processor = checkReportCommand('SubmitReport', { ...json(), reportId: randomUUID() });
        expect({ api: api.status === 200, processor: processor.length === 0 }).toEqual({
          api: processor.length === 0,
          processor: api.status === 200,
        });
      }),
      { numRuns: 2000 },
    );
  });
});

describe('POST /v1/screening body (ScreenNameDto)', () => {
  const screen = (body: unknown) => validate(ScreenNameDto, body);

  it('accepts a name, name parts, or both', async () => {
    expect(await screen({ name: 'Vladimir Putin' })).toEqual({ status: 200, errors: [] });
    expect(await screen({ nameParts: { given: 'Vladimir', family: 'Putin' } })).toEqual({ status: 200, errors: [] });
    expect(
      await screen({
        name: 'Putin Vladimir',
        nameParts: { family: 'Putin' },
        type: 'person',
        countries: ['ru'],
        threshold: 0.3,
        limit: 50,
      }),
    ).toEqual({ status: 200, errors: [] });
    expect(await screen({ name: 'Xi Jinping 习近平 Си Цзиньпин' })).toEqual({ status: 200, errors: [] });
    expect(await screen({ name: 'IMO 9137038' })).toEqual({ status: 200, errors: [] });
    expect(await screen({ name: 'x'.repeat(NAME_LIMITS.screenedNameMaxLength) })).toEqual({ status: 200, errors: [] });
  });

  it.each([
    ['neither name nor nameParts', {}, 400, ['name nameOrNameParts']],
    ['only a type', { type: 'person', countries: ['RU'] }, 400, ['name nameOrNameParts']],
    ['a null name', { name: null }, 422, ['name isString']],
    ['a number for a name', { name: 123 }, 422, ['name isString']],
    ['an empty name', { name: '' }, 422, ['name hasLetterOrDigit']],
    ['a 100 kB name', { name: 'x'.repeat(100_000) }, 422, ['name maxLength']],
    ['only punctuation', { name: '.-/!?' }, 422, ['name hasLetterOrDigit']],
    ['only control characters', { name: '\u0001\u0007\u001b' }, 422, ['name hasLetterOrDigit']],
    ['only white space', { name: ' \t\n' }, 422, ['name isNotBlank']],
    ['only zero-width characters', { name: '\u200b\u200d' }, 422, ['name hasLetterOrDigit']],
    ['name parts of a company', { nameParts: { family: 'Putin' }, type: 'company' }, 422, ['nameParts namePartsForPersonsOnly']],
    ['empty name parts', { nameParts: {} }, 422, ['nameParts namePartsNotEmpty']],
    ['name parts without a letter', { nameParts: { family: '***' } }, 422, ['nameParts.family hasLetter']],
    ['a name part over 200 characters', { nameParts: { family: 'x'.repeat(201) } }, 422, ['nameParts.family maxLength']],
    ['name parts as a string', { nameParts: 'Putin' }, 422, ['nameParts isObject']],
    ['null name parts', { nameParts: null }, 422, ['nameParts isObject']],
    [
      'an unknown name part',
      { nameParts: { surname: 'Putin' } },
      400,
      ['nameParts.surname whitelistValidation', 'nameParts namePartsNotEmpty'],
    ],
    ['11 countries', { name: 'x', countries: Array(11).fill('RU') }, 422, ['countries arrayMaxSize']],
    [
      '1,000 countries (more are refused before validation: maxArrayItems)',
      { name: 'x', countries: Array(1_000).fill('ZZ') },
      422,
      ['countries arrayMaxSize', 'countries isIso3166Alpha2'],
    ],
    ['countries as a string', { name: 'x', countries: 'RU' }, 422, ['countries isArray']],
    ['a threshold above 1', { name: 'x', threshold: 1.5 }, 422, ['threshold max']],
    ['a threshold below 0', { name: 'x', threshold: -0.1 }, 422, ['threshold min']],
    ['a threshold of 0 (every listed name scored)', { name: 'x', threshold: 0 }, 422, ['threshold min']],
    ['a name of 61 words', { name: Array(61).fill('Ali').join(' ') }, 422, ['name maxWords']],
    ['name parts of 61 words', { nameParts: { given: Array(61).fill('Al').join(' ') } }, 422, ['nameParts maxWords']],
    ['a threshold as a string', { name: 'x', threshold: '0.5' }, 422, ['threshold isNumber']],
    ['a threshold as a boolean', { name: 'x', threshold: true }, 422, ['threshold isNumber']],
    ['a limit of 0', { name: 'x', limit: 0 }, 422, ['limit min']],
    ['a limit of 51', { name: 'x', limit: 51 }, 422, ['limit max']],
    ['a fractional limit', { name: 'x', limit: 2.5 }, 422, ['limit isInt']],
    ['an unknown type', { name: 'x', type: 'ship' }, 422, ['type isIn']],
  ])('refuses %s', async (_name, body, status, errors) => {
    const answer = await screen(body);
    expect(answer.status).toBe(status);
    expect([...answer.errors].sort()).toEqual([...errors].sort());
  });
});
