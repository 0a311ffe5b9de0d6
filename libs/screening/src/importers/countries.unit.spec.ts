import * as isoCountries from 'i18n-iso-countries';
import { countryCode } from './countries';

jest.mock('i18n-iso-countries', () => {
  const actual = jest.requireActual<typeof import('i18n-iso-countries')>('i18n-iso-countries');
  return { ...actual, getAlpha2Code: jest.fn(actual.getAlpha2Code) };
});

describe('countryCode', () => {
  it('reads country names, list spellings and codes, and asks i18n-iso-countries once per name', () => {
    const lookUp = isoCountries.getAlpha2Code as jest.Mock;
    for (let i = 0; i < 3; i++) {
      expect(countryCode('Iran')).toBe('IR');
      expect(countryCode('Germany')).toBe('DE');
      expect(countryCode('Korea, North')).toBe('KP');
      expect(countryCode('ru')).toBe('RU');
      expect(countryCode('Mohammed')).toBeUndefined();
      expect(countryCode(undefined)).toBeUndefined();
      expect(countryCode('  ')).toBeUndefined();
    }
    // A text scan asks about the same words again and again: each name is looked up once.
    expect(lookUp.mock.calls.filter(([name]) => name === 'Mohammed')).toHaveLength(1);
    expect(lookUp.mock.calls.filter(([name]) => name === 'Germany')).toHaveLength(1);
  });
});
