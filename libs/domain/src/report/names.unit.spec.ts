import { randomUUID } from 'node:crypto';
import { fullNameOf, hasLetter, hasLetterOrDigit, NAME_LIMITS, namePartsOf, wordCount } from './names';
import { checkReportCommand } from './schema/payloads';

const submitted = (
  supplier: unknown,
  recipient: unknown = { country: 'RU' },
  participants: unknown[] = [{ country: 'CN', role: 'host' }],
) => ({
  reportId: randomUUID(),
  source: { publisher: 'P', title: 'T', publishedOn: '2023-02-23', sourceType: 'news' },
  sourceReliability: 'B',
  claims: [
    {
      kind: 'transfer',
      claimId: 'a',
      supplier,
      recipient,
      assistanceType: 'military',
      stage: 'alleged',
      item: { description: 'drones' },
      credibility: 3,
    },
    { kind: 'diplomatic-event', claimId: 'b', eventType: 'visit', cameoCode: '042', participants, credibility: 2 },
  ],
});

/** The processor's violations of a supplier entity's `nameParts`, its path shortened to `nameParts`. */
const rules = (value: unknown, type: unknown = 'person') =>
  checkReportCommand('SubmitReport', submitted({ country: 'CN', entity: { name: 'Vladimir Putin', type, nameParts: value } }))
    .filter((v) => v.path.startsWith('claims[0].supplier.entity.nameParts'))
    .map((v) => `${v.path.replace('claims[0].supplier.entity.', '')} ${v.rule}`)
    .sort();

describe('name rules', () => {
  it('hasLetter: a letter of any script; hasLetterOrDigit: a letter or a digit', () => {
    for (const text of ['Putin', 'Путин', '习近平', 'محمد', 'O’Brien', 'ǃXóõ', 'a']) expect(hasLetter(text)).toBe(true);
    for (const text of ['', '   ', '...', '-- /', '\u0001\u0007', '\u200b', '\u0301', '123', '😀']) expect(hasLetter(text)).toBe(false);
    expect(hasLetterOrDigit('1234567')).toBe(true);
    expect(hasLetterOrDigit('٣')).toBe(true);
    for (const text of ['', '!!!', ' \t\n', '\u0000\u001f', '\u200b\u200d', '😀', 42]) expect(hasLetterOrDigit(text)).toBe(false);
  });

  it('fullNameOf writes "given middle patronymic family", trimmed, leaving out absent parts', () => {
    expect(fullNameOf({ family: 'Lukashenko', given: 'Alexander', patronymic: 'Grigoryevich' })).toBe('Alexander Grigoryevich Lukashenko');
    expect(fullNameOf({ given: ' Kim ', middle: 'Jong', family: 'Un' })).toBe('Kim Jong Un');
    expect(fullNameOf({ family: 'Putin' })).toBe('Putin');
  });

  it('namePartsOf keeps only the parts given', () => {
    expect(namePartsOf(Object.assign(Object.create({ inherited: 1 }), { given: 'A', family: 'B' }))).toEqual({ given: 'A', family: 'B' });
  });

  describe("nameParts in the processor's checks (the report schema)", () => {
    it('accepts a person with one or more parts of any script', () => {
      expect(rules({ given: 'Alexander', patronymic: 'Grigoryevich', family: 'Lukashenko' })).toEqual([]);
      expect(rules({ family: '习' })).toEqual([]);
      expect(rules({ given: 'Мухаммад', family: 'al-Bakr Smith' })).toEqual([]);
      expect(rules({ given: 'x'.repeat(NAME_LIMITS.partMaxLength) })).toEqual([]);
    });

    it('names each rule it breaks', () => {
      expect(rules('Putin')).toEqual(['nameParts isObject']);
      expect(rules([])).toEqual(['nameParts isObject']);
      expect(rules(null)).toEqual(['nameParts isObject']);
      expect(rules({})).toEqual(['nameParts namePartsNotEmpty']);
      expect(rules({ first: 'Vladimir' })).toEqual(['nameParts namePartsNotEmpty', 'nameParts.first whitelistValidation']);
      expect(rules({ given: 1, family: null })).toEqual(['nameParts.family isString', 'nameParts.given isString']);
      expect(rules({ given: '' })).toEqual(['nameParts.given hasLetter', 'nameParts.given minLength']);
      expect(rules({ given: 'x'.repeat(NAME_LIMITS.partMaxLength + 1) })).toEqual(['nameParts.given maxLength']);
      expect(rules({ given: '...', family: '-', middle: '42' })).toEqual([
        'nameParts.family hasLetter',
        'nameParts.given hasLetter',
        'nameParts.middle hasLetter',
      ]);
    });

    it('refuses parts on an entity that is not a person (namePartsForPersonsOnly)', () => {
      for (const type of ['company', 'vessel', 'government-body', 'organisation', 42])
        expect(rules({ family: 'Putin' }, type)).toEqual(['nameParts namePartsForPersonsOnly']);
    });

    it('runs on every party entity', () => {
      const entity = (nameParts: unknown, type = 'person') => ({ country: 'RU', entity: { name: 'Vladimir Putin', type, nameParts } });
      const payload = submitted(
        entity({ given: 'Vladimir', family: 'Putin' }),
        { ...entity({ family: 'Putin' }, 'company'), country: 'CN' },
        [{ ...entity({ family: '' }), role: 'visitor' }],
      );
      const found = checkReportCommand('SubmitReport', payload).map((v) => `${v.path} ${v.rule}`);
      expect(found).toEqual([
        'claims[0].recipient.entity.nameParts namePartsForPersonsOnly',
        'claims[1].participants[0].entity.nameParts.family hasLetter',
        'claims[1].participants[0].entity.nameParts.family minLength',
      ]);
    });
  });
});

describe('wordCount: words of a screened name as the matcher reads them', () => {
  it.each([
    ['Vladimir Putin', 2],
    ['al-Qaida, Ltd.', 3],
    ['Mu\u0308ller', 1],
    ['习近平', 3],
    ['김정은', 3],
    ['\ufdfa', 4],
    ['Ali 习近平 Kim', 5],
    ['  ', 0],
  ])('%j has %i', (text, words) => expect(wordCount(text)).toBe(words));
});
