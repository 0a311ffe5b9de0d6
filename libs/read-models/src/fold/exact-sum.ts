import Big from 'big.js';

/**
 * Exact decimal sums of quantities and amounts: big.js numbers (`plus`/`minus`/`times` are exact; only division
 * rounds, and the read models never divide), so adding a claim's value and taking it out again gives back exactly
 * the sum a fresh fold gives, whatever the magnitudes (1e9 + 0.01 − 1e9 is 0.01), and a row of one claim shows the
 * value as sent (1e-9, 0.30000000000000004): each value counts as the shortest decimal that reads back as it
 * (`String(value)`, as big.js reads a number), so 0.1 + 0.2 sums to 0.3.
 */
// A constructor of our own: no other module's Big.strict / Big.NE setting reaches these sums.
const Decimal = Big();

export type ExactSum = Big;

export const ZERO: ExactSum = new Decimal(0);

/** The value as an exact decimal (finite numbers only: the read models refuse others before summing). */
export function exactOf(value: number): ExactSum {
  if (!Number.isFinite(value)) throw new RangeError(`not a finite number: ${value}`);
  return new Decimal(value);
}

/** `a + times × b`, exact. */
export function addExact(a: ExactSum, b: ExactSum, times: number | bigint = 1): ExactSum {
  if (times === 1) return a.plus(b);
  if (times === -1) return a.minus(b);
  return a.plus(b.times(String(times)));
}

/** The nearest number (a value summed alone reads back as itself). */
export function numberOfExact(sum: ExactSum): number {
  return sum.toNumber();
}

/**
 * Stored form: `<coef>e-<scale>`, e.g. `3e-1`, `12e-0` (as stored since 2160dc4), from big.js's digits (`c`, trailing
 * zeros removed), exponent (`e`) and sign (`s`).
 */
export function exactToJson(sum: ExactSum): string {
  if (!sum.c[0]) return '0e-0';
  const scale = sum.c.length - 1 - sum.e;
  const coef = sum.c.join('') + (scale < 0 ? '0'.repeat(-scale) : '');
  return `${sum.s < 0 ? '-' : ''}${coef}e-${Math.max(scale, 0)}`;
}

/** Reads {@link exactToJson}; a bare integer is a sum stored in millionths, as accumulators were before (`2500000` is 2.5). */
export function exactFromJson(text: string): ExactSum {
  return new Decimal(/^-?\d+e-\d+$/.test(text) ? text : `${text}e-6`);
}
