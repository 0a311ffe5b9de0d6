import { buildMessage, ValidateBy, type ValidationOptions } from 'class-validator';
import {
  isAdmiraltyGrade,
  isCameoCode,
  isCountryCode,
  isCurrencyCode,
  isDiplomaticEventType,
  isDualUseCategory,
  isEdtf,
  isEuMilitaryListCategory,
  isHsCode,
  isInformationCredibility,
  isSipriCategory,
  isSourceReliability,
} from '@tm/reference';

/** A class-validator decorator named `rule` checking a value against a code list of `@tm/reference`. */
function codeRule(rule: string, test: (value: unknown) => boolean, expected: string) {
  return (options?: ValidationOptions): PropertyDecorator =>
    ValidateBy(
      {
        name: rule,
        validator: {
          validate: (value) => test(value),
          defaultMessage: buildMessage((each) => `${each}$property must be ${expected}`, options),
        },
      },
      options,
    );
}

/** ISO 3166-1 alpha-2, upper case; HK, MO, TW apart from CN; XK accepted (i18n-iso-countries). */
export const IsIso3166Alpha2 = codeRule(
  'isIso3166Alpha2',
  isCountryCode,
  'an ISO 3166-1 alpha-2 country code in upper case (e.g. CN, HK, RU)',
);
/** ISO 4217 alphabetic code, upper case (currency-codes). */
export const IsIso4217 = codeRule(
  'isIso4217',
  isCurrencyCode,
  'an ISO 4217 currency code in upper case naming money (e.g. USD, CNY; not XTS or XXX)',
);
/** HS code of 6, 8 or 10 digits (dots and spaces allowed). */
export const IsHsCode = codeRule('isHsCode', isHsCode, 'an HS code of 6, 8 or 10 digits in an HS chapter 01–97 (e.g. 852691, 8807.30)');
/** A CAMEO event code of the GDELT CAMEO list. */
export const IsCameoCode = codeRule('isCameoCode', isCameoCode, 'a CAMEO event code (e.g. 042, 0312, 057)');
/** An internal diplomatic event type (mapped to CAMEO), or `other` with an explicit CAMEO code. */
export const IsDiplomaticEventType = codeRule(
  'isDiplomaticEventType',
  (v) => v === 'other' || isDiplomaticEventType(v),
  'a diplomatic event type (visit, host-visit, meeting, phone-call, statement, sign-agreement, … or other)',
);
/** An EDTF (ISO 8601-2) date the `edtf` package parses, with real calendar days. */
export const IsEdtf = codeRule('isEdtf', isEdtf, 'an EDTF date (ISO 8601-2), e.g. 2023-04, [..2023-04], 2023-02-28/2023-03-02');
/** Admiralty source reliability A–F. */
export const IsSourceReliability = codeRule('isSourceReliability', isSourceReliability, 'an Admiralty source reliability grade A–F');
/** Admiralty information credibility 1–6. */
export const IsInformationCredibility = codeRule(
  'isInformationCredibility',
  isInformationCredibility,
  'an Admiralty information credibility grade, an integer 1–6',
);
/** A combined Admiralty grade, e.g. `B2`. */
export const IsAdmiraltyGrade = codeRule('isAdmiraltyGrade', isAdmiraltyGrade, 'an Admiralty grade such as B2');
export const IsSipriCategory = codeRule('isSipriCategory', isSipriCategory, 'a SIPRI armament category (e.g. Aircraft, Missiles, Sensors)');
export const IsEuMilitaryListCategory = codeRule(
  'isEuMilitaryListCategory',
  isEuMilitaryListCategory,
  'an EU Common Military List category ML1–ML22',
);
export const IsDualUseCategory = codeRule(
  'isDualUseCategory',
  isDualUseCategory,
  'a dual-use category 0–9 (5P1, 5P2 for category 5 parts)',
);
