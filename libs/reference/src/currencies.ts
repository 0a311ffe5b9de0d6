import currencyCodes from 'currency-codes';

/**
 * ISO 4217 codes that name no money a transfer can be valued in: `XTS`, reserved for testing, and `XXX`, "no currency
 * involved".
 */
const NO_MONEY = new Set(['XTS', 'XXX']);

/**
 * True for an ISO 4217 alphabetic currency code, upper case (`USD`, `CNY`, `RUB`), checked against currency-codes;
 * not the codes that name no money (`XTS`, `XXX`).
 */
export function isCurrencyCode(value: unknown): value is string {
  return typeof value === 'string' && /^[A-Z]{3}$/.test(value) && !NO_MONEY.has(value) && currencyCodes.code(value) !== undefined;
}
