import fc from 'fast-check';
import {
  admiraltyLabel,
  cameoCode,
  cameoCodeOf,
  chplEntryOf,
  chplTierOf,
  DIPLOMATIC_EVENT_TYPES,
  isCameoCode,
  isCountryCode,
  isCurrencyCode,
  isDualUseCategory,
  isEdtf,
  isEuMilitaryListCategory,
  isHsCode,
  isInformationCredibility,
  isSipriCategory,
  isSourceReliability,
  normaliseHsCode,
  parseEdtf,
} from '.';

describe('ISO 3166-1 alpha-2 countries', () => {
  it('accepts upper-case alpha-2 codes, keeping HK and TW apart from CN, and Kosovo as XK', () => {
    for (const code of ['CN', 'HK', 'TW', 'MO', 'RU', 'BY', 'IR', 'UA', 'XK']) expect(isCountryCode(code)).toBe(true);
  });
  it('refuses lower case, alpha-3, organisations and unknown codes', () => {
    for (const code of ['cn', 'CHN', 'EU', 'UN', 'ZZ', '', 42, null]) expect(isCountryCode(code)).toBe(false);
  });
});

describe('ISO 4217 currencies', () => {
  it('accepts upper-case codes and refuses others', () => {
    expect(['USD', 'CNY', 'RUB', 'EUR'].every(isCurrencyCode)).toBe(true);
    expect(['usd', 'DOLLARS', 'ABC', 'US', 'XTS', 'XXX'].some(isCurrencyCode)).toBe(false);
  });
});

describe('HS codes and the Common High Priority List', () => {
  it('normalises 6–10-digit codes to HS-6', () => {
    expect(normaliseHsCode('852691')).toBe('852691');
    expect(normaliseHsCode('8526.91')).toBe('852691');
    expect(normaliseHsCode('8807 30 00 00')).toBe('880730');
    expect(normaliseHsCode('88073000')).toBe('880730');
  });
  it('refuses what is not an HS code', () => {
    for (const code of ['8526', '8526910', '85269100000', 'abcdef', '000000', 852691]) expect(isHsCode(code)).toBe(false);
    // Chapters the HS does not use: 77 (reserved), 98 and 99 (national use).
    for (const code of ['999999', '9801.00', '9903 88 03', '770000']) expect(isHsCode(code)).toBe(false);
    for (const code of ['010121', '970600', '930190']) expect(isHsCode(code)).toBe(true);
  });
  it('looks up the CHPL tier through the HS-6 subheading', () => {
    expect(chplTierOf('852691')).toBe('2'); // radio navigation apparatus
    expect(chplTierOf('8807.30.00')).toBe('3.B'); // aircraft and UAV parts
    expect(chplTierOf('854231')).toBe('1');
    expect(chplEntryOf('852691')?.description).toMatch(/navigation/i);
    expect(chplTierOf('870323')).toBeUndefined(); // passenger cars: not on the list
  });
});

describe('Admiralty code', () => {
  it('knows reliability A–F and credibility 1–6 with their labels', () => {
    expect(['A', 'B', 'C', 'D', 'E', 'F'].every(isSourceReliability)).toBe(true);
    expect(isSourceReliability('G')).toBe(false);
    expect([1, 2, 3, 4, 5, 6].every(isInformationCredibility)).toBe(true);
    expect(isInformationCredibility(7)).toBe(false);
    expect(isInformationCredibility('2')).toBe(false);
    expect(admiraltyLabel('B')).toBe('Usually reliable');
    expect(admiraltyLabel(2)).toBe('Probably true');
  });
});

describe('CAMEO codes and the internal diplomatic event types', () => {
  it('gives quad class and Goldstein score', () => {
    expect(cameoCode('042')).toEqual({ code: '042', label: 'Make a visit', quadClass: 1, goldstein: 1.9 });
    expect(cameoCode('163')).toMatchObject({ quadClass: 4, goldstein: -8 });
    expect(isCameoCode('0312')).toBe(true);
    expect(isCameoCode('999')).toBe(false);
  });
  it('maps every internal event type to a known CAMEO code', () => {
    expect(cameoCodeOf('visit')).toBe('042');
    expect(cameoCodeOf('host-visit')).toBe('043');
    expect(cameoCodeOf('sign-agreement')).toBe('057');
    for (const code of Object.values(DIPLOMATIC_EVENT_TYPES)) expect(isCameoCode(code)).toBe(true);
  });
});

describe('item classifications', () => {
  it('knows SIPRI categories, EU Military List ML1–ML22 and dual-use categories 0–9', () => {
    expect(isSipriCategory('Aircraft')).toBe(true);
    expect(isSipriCategory('Drones')).toBe(false);
    expect(isEuMilitaryListCategory('ML10')).toBe(true);
    expect(isEuMilitaryListCategory('ML23')).toBe(false);
    expect(['0', '5', '5P1', '7', '9'].every(isDualUseCategory)).toBe(true);
    expect(isDualUseCategory('10')).toBe(false);
  });
});

describe('EDTF dates', () => {
  it.each([
    ['2023-04-12', '2023-04-12', '2023-04-12', 'day'],
    ['2023-04', '2023-04-01', '2023-04-30', 'month'],
    ['2022', '2022-01-01', '2022-12-31', 'year'],
    ['2023-03~', '2023-03-01', '2023-03-31', 'month'],
    ['2023-02-28/2023-03-02', '2023-02-28', '2023-03-02', 'interval'],
    ['[2023-03,2023-04]', '2023-03-01', '2023-04-30', 'interval'],
    ['[..2023-04]', '-infinity', '2023-04-30', 'open'],
    ['/2023-04', '-infinity', '2023-04-30', 'open'],
    ['2022-02/..', '2022-02-01', 'infinity', 'open'],
    ['2023-21', '2023-03-01', '2023-05-31', 'interval'], // spring as months, not edtf.js' first quarter
    ['2023-24', '2023-12-01', '2024-02-29', 'interval'], // winter runs into the next year (2024 is a leap year)
    ['2023-33', '2023-01-01', '2023-03-31', 'interval'], // first quarter
    ['20XX', '2000-01-01', '2099-12-31', 'interval'], // unspecified digits span their range
    ['1950S2', '1900-01-01', '1999-12-31', 'interval'], // some year 1900–1999, estimated 1950 (not 1950 alone)
    ['2023S1', '2000-01-01', '2999-12-31', 'interval'],
    ['1950S4', '1950-01-01', '1950-12-31', 'year'],
    ['XXXX', '-infinity', 'infinity', 'open'], // a wholly unspecified year names no year: not 0000 (1 BC) to 9999
    ['XXXX-05', '-infinity', 'infinity', 'open'],
    ['XXXX/2023', '-infinity', '2023-12-31', 'open'],
    ['[XXXX, 2023]', '-infinity', 'infinity', 'open'],
    ['0000', '0000-01-01', '0000-12-31', 'year'], // parses (the report schema refuses it: isStorableDate)
    ['0XXX', '0000-01-01', '0999-12-31', 'interval'],
    // A date-time is the day written in it, in its own offset (edtf.js gives the instant: 2022-12-31 in UTC).
    ['2023-01-01T10:00:00+14:00', '2023-01-01', '2023-01-01', 'day'],
    ['2024-06-01T23:30:00-05:00', '2024-06-01', '2024-06-01', 'day'],
    ['2023-01-01T10:00:00', '2023-01-01', '2023-01-01', 'day'],
    ['2023-01-01T10:00:00.5Z', '2023-01-01', '2023-01-01', 'day'],
    ['2023-01-01T10:00:00+14:00/2023-01-03', '2023-01-01', '2023-01-03', 'interval'],
  ])('%s → %s … %s (%s)', (text, earliest, latest, precision) => {
    expect(parseEdtf(text)).toEqual({ edtf: text, earliest, latest, precision });
  });
  it('refuses what is not EDTF, impossible days, and seasons inside intervals', () => {
    for (const text of ['garbage', '2023-13', '2022-02-29', '2023-21/2023-22', '', 'by April 2023']) expect(isEdtf(text)).toBe(false);
    expect(() => parseEdtf('2022-02-29')).toThrow('2022-02-29 is not a calendar day');
  });
  it('refuses bounds outside the years 0000–9999 (bounds are compared as ISO text)', () => {
    for (const text of ['Y12345', 'Y-12345', '-0044', '-0044-03-15', 'Y170000002', 'Y-170000002'])
      expect(() => parseEdtf(text)).toThrow('outside the years 0000–9999');
    expect(parseEdtf('0800')).toMatchObject({ earliest: '0800-01-01', latest: '0800-12-31', precision: 'year' });
    expect(parseEdtf('[..9999]')).toMatchObject({ earliest: '-infinity', latest: '9999-12-31' });
  });
  it('dates a date-time on the day written in it, whatever its time and offset', () => {
    const two = (n: number) => String(n).padStart(2, '0');
    fc.assert(
      fc.property(
        fc.date({ min: new Date('0100-01-01T00:00:00Z'), max: new Date('9998-12-31T00:00:00Z'), noInvalidDate: true }),
        fc.integer({ min: 0, max: 23 }),
        fc.integer({ min: 0, max: 59 }),
        fc.constantFrom('', 'Z', '+14:00', '-12:00', '+05:30', '-05:00'),
        (date, hour, minute, offset) => {
          const day = date.toISOString().slice(0, 10);
          expect(parseEdtf(`${day}T${two(hour)}:${two(minute)}:00${offset}`)).toMatchObject({
            earliest: day,
            latest: day,
            precision: 'day',
          });
        },
      ),
      { numRuns: 300 },
    );
  });
  it('refuses five or more bare digits, which edtf.js reads as a Unix time (12345 was stored as 1970-01-01, precision day)', () => {
    for (const text of ['12345', '99999', '00000', '1234567', '012345', '1700000000000'])
      expect(() => parseEdtf(text)).toThrow('no EDTF date');
    expect(parseEdtf('123')).toMatchObject({ earliest: '1230-01-01', latest: '1239-12-31' }); // a decade stays one
  });
});
