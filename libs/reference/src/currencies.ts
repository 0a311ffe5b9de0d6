import currencyCodes from 'currency-codes';

/** True for an ISO 4217 alphabetic currency code, upper case (`USD`, `CNY`, `RUB`), checked against currency-codes. */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && currencyCodes.code(value) !== undefined;
}
