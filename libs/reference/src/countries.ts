import countries from 'i18n-iso-countries';

/**
 * True for an ISO 3166-1 alpha-2 code, upper case (`CN`, `HK`, `TW`, `RU`, `BY`, `IR`), checked against
 * i18n-iso-countries. HK, MO and TW are codes of their own, never folded into CN (they matter for transshipment);
 * `XK` (Kosovo, a user-assigned code in wide use) is accepted. Organisations (EU, NATO, UN) are not countries.
 */
export function isCountryCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{2}$/.test(value) && (value === 'XK' || countries.isValid(value));
}
