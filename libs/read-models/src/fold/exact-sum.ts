/**
 * An exact decimal, `coef × 10^−scale` (`scale` ≥ 0), in canonical form (no trailing zero digit in `coef` while
 * `scale` > 0): sums of quantities and amounts are kept in it, so adding a claim's value and taking it out again
 * gives back exactly the sum a fresh fold gives, whatever the magnitudes (1e9 + 0.01 − 1e9 is 0.01), and a row of one
 * claim shows the value as sent (1e-9, 0.30000000000000004): each value counts as the shortest decimal that reads
 * back as it (`String(value)`), so 0.1 + 0.2 sums to 0.3.
 */
export interface ExactSum {
  coef: bigint;
  scale: number;
}

export const ZERO: ExactSum = { coef: 0n, scale: 0 };

/** The value as an exact decimal (finite numbers only: the read models refuse others before summing). */
export function exactOf(value: number): ExactSum {
  const match = /^(-?)(\d+)(?:\.(\d+))?(?:e([+-]\d+))?$/.exec(String(value));
  if (!match) throw new RangeError(`not a finite number: ${value}`);
  const [, sign, whole, fraction = '', exponent = '0'] = match;
  const scale = fraction.length - Number(exponent);
  const coef = BigInt(`${sign}${whole}${fraction}`);
  return canonical(scale >= 0 ? { coef, scale } : { coef: coef * 10n ** BigInt(-scale), scale: 0 });
}

/** `a + times × b`, exact. */
export function addExact(a: ExactSum, b: ExactSum, times: number | bigint = 1): ExactSum {
  const scale = Math.max(a.scale, b.scale);
  const up = (s: ExactSum) => s.coef * 10n ** BigInt(scale - s.scale);
  return canonical({ coef: up(a) + BigInt(times) * up(b), scale });
}

/** The nearest number (a value summed alone reads back as itself). */
export function numberOfExact(sum: ExactSum): number {
  return Number(`${sum.coef}e-${sum.scale}`);
}

/** Stored form: `<coef>e-<scale>`, e.g. `3e-1`, `12e-0`. */
export function exactToJson(sum: ExactSum): string {
  return `${sum.coef}e-${sum.scale}`;
}

/** Reads {@link exactToJson}; a bare integer is a sum stored in millionths, as accumulators were before (`2500000` is 2.5). */
export function exactFromJson(text: string): ExactSum {
  const match = /^(-?\d+)e-(\d+)$/.exec(text);
  return canonical(match ? { coef: BigInt(match[1]), scale: Number(match[2]) } : { coef: BigInt(text), scale: 6 });
}

function canonical({ coef, scale }: ExactSum): ExactSum {
  if (coef === 0n) return ZERO;
  while (scale > 0 && coef % 10n === 0n) {
    coef /= 10n;
    scale -= 1;
  }
  return { coef, scale };
}
